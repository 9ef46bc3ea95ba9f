locals {
  a = [*]
}
