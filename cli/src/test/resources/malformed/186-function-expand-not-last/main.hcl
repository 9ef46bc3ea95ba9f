locals {
  a = templatefile(["t"]..., {})
}
