locals {
  a = false ? { x = 1 } : "s"
}
