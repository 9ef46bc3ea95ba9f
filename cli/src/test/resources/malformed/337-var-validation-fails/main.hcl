variable "x" {
  type    = number
  default = 3
  validation {
    condition     = var.x > 5
    error_message = "x must be more than 5."
  }
}
