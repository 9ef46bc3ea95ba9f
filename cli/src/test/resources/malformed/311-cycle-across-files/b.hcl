locals {
  y = "${local.x}-y"
}
