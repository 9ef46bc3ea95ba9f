locals {
  a = 1 /* the rest
  b = 2
}
