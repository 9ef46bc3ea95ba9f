locals {
  a = 1 < "a"
}
