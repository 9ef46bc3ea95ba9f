locals {
  a = [1]]
}
