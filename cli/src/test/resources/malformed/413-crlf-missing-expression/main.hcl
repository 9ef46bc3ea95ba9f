locals {
  a = 1 +
}
