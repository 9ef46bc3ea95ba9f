variable "x" {
  default = 1
}

variable "y" {
  default = 1
}
