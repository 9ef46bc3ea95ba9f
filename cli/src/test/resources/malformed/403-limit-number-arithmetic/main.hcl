locals {
  a = 1e6000 * 1e6000
}
