locals {
  a = var
}
