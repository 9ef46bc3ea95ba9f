variable "m" {
  type      = map(string)
  default   = { a = "b" }
  sensitive = true
}

resource "terraform_data" "a" {
  for_each = var.m
}
