variable "x" {
  type = list
}
