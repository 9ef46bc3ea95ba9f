variable "password" {
  type      = string
  default   = "second-canary-9f2e"
  sensitive = true
}

variable "steady_password" {
  type      = string
  default   = "first-canary-4b1d"
  sensitive = true
}

resource "terraform_data" "whole" {
  input = var.password
}

resource "terraform_data" "inside" {
  input = { user = "root", password = var.password, port = 5432 }
}

resource "terraform_data" "steady" {
  input = { user = "admin", password = var.steady_password }
}

resource "terraform_data" "new" {
  input = [var.password, "plain"]
}
