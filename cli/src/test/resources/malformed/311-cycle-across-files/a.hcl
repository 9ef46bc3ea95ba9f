locals {
  x = local.y
}
