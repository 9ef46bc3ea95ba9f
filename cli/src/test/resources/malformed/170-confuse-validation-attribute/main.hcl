variable "x" {
  validation = {
    condition = true
  }
}
