locals {
  a = \n
}
