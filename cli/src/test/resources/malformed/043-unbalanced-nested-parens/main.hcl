locals {
  a = ((1)
}
