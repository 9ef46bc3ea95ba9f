locals {
  a = true.x
}
