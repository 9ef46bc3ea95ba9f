locals {
  a = templatefile("x", {}]
}
