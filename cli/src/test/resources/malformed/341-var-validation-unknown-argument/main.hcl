variable "x" {
  default = "a"
  validation {
    condition     = true
    error_message = "m"
    message       = "m"
  }
}
