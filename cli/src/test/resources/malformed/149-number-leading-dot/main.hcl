locals {
  a = .5
}
