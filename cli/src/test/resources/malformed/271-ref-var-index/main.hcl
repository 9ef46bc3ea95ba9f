locals {
  a = var["x"]
}
