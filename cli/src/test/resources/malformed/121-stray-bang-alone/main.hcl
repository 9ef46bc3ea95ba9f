locals {
  a = !
}
