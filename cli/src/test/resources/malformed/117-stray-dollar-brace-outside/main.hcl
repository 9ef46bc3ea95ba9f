locals {
  a = ${x}
}
