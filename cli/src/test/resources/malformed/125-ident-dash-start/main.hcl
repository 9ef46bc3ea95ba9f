locals {
  -a = 2
}
