variable "x" {
  default = "a"
  validation {
    condition     = var.x > 1
    error_message = "m"
  }
}
