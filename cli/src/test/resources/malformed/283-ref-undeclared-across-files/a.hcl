locals {
  shared = 1
}
