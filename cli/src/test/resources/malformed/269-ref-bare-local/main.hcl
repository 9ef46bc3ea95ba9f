locals {
  a = local
}
