locals {
  a = "\u00zz"
}
