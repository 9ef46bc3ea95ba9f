output "y" {
  value = {
    a = 1
  }

locals {
  b = 2
}
