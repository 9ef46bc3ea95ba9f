locals {
  a = [1, 2x, 3]
}
