locals {
  a = 1
  b = locl.a
}
