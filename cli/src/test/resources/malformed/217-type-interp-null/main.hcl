locals {
  a = "x${null}"
}
