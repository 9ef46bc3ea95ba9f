locals {
  a = 12abc
}
