locals {
  a = templatefile("x", , {})
}
