variable "x" {
  type    = list(number)
  default = ["a"]
}
