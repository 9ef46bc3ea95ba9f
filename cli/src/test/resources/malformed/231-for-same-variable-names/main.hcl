locals {
  a = [for x, x in [1] : x]
}
