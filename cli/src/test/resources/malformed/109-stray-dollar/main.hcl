locals {
  a = $x
}
