locals {
  a = -"x"
}
