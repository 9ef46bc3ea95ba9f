locals {
  a = 5[0]
}
