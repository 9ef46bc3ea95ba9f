locals {
  a = !5
}
