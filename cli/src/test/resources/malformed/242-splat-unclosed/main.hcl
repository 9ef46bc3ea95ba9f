locals {
  a = [1][*
}
