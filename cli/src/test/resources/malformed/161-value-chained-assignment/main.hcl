locals {
  a = b = c
}
