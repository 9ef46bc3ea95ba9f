variable "x" {
  type    = number
  default = "ten"
}
