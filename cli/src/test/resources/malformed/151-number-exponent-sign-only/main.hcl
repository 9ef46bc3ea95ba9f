locals {
  a = 1e+
}
