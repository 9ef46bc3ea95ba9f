locals {
  a = null[0]
}
