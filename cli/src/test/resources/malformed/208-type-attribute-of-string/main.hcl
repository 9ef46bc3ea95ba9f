locals {
  a = "s".length
}
