locals {
  a = 1
}

variable "v" {
  default = 1
  validation {
    condition     = var.v == local.a
    error_message = "m"
  }
}
