locals {
  a = "x\qy"
}
