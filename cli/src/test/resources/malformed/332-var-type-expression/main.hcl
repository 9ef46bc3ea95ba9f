variable "x" {
  type = 1 + 2
}
