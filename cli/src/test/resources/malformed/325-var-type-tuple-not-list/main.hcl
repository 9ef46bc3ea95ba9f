variable "x" {
  type = tuple(string)
}
