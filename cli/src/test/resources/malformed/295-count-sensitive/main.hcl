variable "n" {
  type      = number
  default   = 1
  sensitive = true
}

resource "terraform_data" "a" {
  count = var.n
}
