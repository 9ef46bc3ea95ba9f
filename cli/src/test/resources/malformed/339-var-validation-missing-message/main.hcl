variable "x" {
  default = "a"
  validation {
    condition = true
  }
}
