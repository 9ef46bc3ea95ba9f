locals {
  a = 1e99999999999
}
