locals {
  a = <<EOT
hello
}

resource "terraform_data" "b" {
}
