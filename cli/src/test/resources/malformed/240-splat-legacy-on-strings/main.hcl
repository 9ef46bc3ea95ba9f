locals {
  a = ["a", "b"].*.id
}
