locals {
  a = templatefile()
}
