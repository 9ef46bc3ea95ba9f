locals {
  a = "\U0011FFFF"
}
