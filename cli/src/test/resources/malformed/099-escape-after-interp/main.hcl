locals {
  a = "${1}-\k"
}
