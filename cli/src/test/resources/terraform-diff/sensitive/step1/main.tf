variable "password" {
  type      = string
  default   = "first-canary-4b1d"
  sensitive = true
}

resource "terraform_data" "whole" {
  input = var.password
}

resource "terraform_data" "inside" {
  input = { user = "admin", password = var.password, port = 5432 }
}

resource "terraform_data" "steady" {
  input = { user = "admin", password = var.password }
}
