locals {
  a = ["a, "b"]
}
