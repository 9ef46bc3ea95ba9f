locals {
  a = templatefile("t.tpl", {}, 3)
}
