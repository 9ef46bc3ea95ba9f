locals {
  a = templatefile(1...)
}
