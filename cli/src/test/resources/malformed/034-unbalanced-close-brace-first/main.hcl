}
locals {
  a = 1
}
