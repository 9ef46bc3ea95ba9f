locals {
  a = 1

variable "x" {
  default = 1
}

output "y" {
  value = 1
}
