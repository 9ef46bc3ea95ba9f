variable "x" {
  default = 1

output "y" {
  value = var.x
}
