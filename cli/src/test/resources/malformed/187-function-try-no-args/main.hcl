locals {
  a = try()
}
