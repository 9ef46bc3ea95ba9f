locals {
  a = true && "x"
}
