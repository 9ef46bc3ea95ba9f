locals {
  a = 1
}
