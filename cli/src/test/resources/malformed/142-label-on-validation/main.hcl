variable "a" {
  validation "x" {
    condition     = true
    error_message = "m"
  }
}
