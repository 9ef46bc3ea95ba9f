variable "x" {
  default = nosuch(1)
}
