locals {
  a = null.x
}
