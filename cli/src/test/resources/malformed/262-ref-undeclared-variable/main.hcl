variable "name" {
  default = "x"
}

locals {
  a = var.nme
}
