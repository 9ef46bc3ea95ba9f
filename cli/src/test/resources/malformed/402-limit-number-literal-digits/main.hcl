locals {
  a = 1e20000
}
