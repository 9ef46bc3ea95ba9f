;
locals {
  a = 1
}
