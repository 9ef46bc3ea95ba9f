locals {
  a = = 1
}
