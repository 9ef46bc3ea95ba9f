locals {
  a = "yes" ? 1 : 2
}
