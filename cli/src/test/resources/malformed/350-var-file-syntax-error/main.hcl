variable "x" {
  default = 1
}

variable "region" {
  default = "eu"
}
