variable "x" {
  type    = map(string)
  default = true
}
