locals {
  a = 1_000
}
