variable "x" {
  type {
  }
}
