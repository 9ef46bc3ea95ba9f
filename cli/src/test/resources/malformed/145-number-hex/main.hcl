locals {
  a = 0x10
}
