locals {
  a = templatefile(null...)
}
