locals {
  a = 1
}

locals {
  b = 2

locals {
  c = 3
}
