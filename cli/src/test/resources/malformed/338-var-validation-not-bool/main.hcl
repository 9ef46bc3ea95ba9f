variable "x" {
  default = "a"
  validation {
    condition     = "yes"
    error_message = "m"
  }
}
