locals {
  a = templatefile("missing.tpl", {})
}
