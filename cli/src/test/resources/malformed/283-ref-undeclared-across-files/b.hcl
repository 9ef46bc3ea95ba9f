locals {
  b = local.share
}
