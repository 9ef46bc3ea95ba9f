locals {
  a = "x${}y"
}
