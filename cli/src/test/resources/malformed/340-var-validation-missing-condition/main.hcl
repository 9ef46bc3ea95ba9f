variable "x" {
  default = "a"
  validation {
    error_message = "m"
  }
}
