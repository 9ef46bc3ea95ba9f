variable "y" {
}

variable "v" {
  default = 1
  validation {
    condition     = var.v > 0
    error_message = "${var.y} is wrong"
  }
}
