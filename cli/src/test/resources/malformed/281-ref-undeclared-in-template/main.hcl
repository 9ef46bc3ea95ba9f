locals {
  a = "x-${var.missing}"
}
