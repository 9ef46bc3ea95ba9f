locals {
  a = <<EOT
hello
EOTX
}
