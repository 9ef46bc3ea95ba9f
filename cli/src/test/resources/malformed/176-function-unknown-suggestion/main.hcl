locals {
  a = templatefil("x", {})
}
