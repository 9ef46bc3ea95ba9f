locals {
  a = "${"inner}"
}
