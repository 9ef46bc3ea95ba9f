locals {
  a = [1, 2][0.5]
}
