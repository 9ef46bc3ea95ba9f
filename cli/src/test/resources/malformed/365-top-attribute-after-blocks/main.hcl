locals {
  a = 1
}

region = "eu"
