locals {
  a = <<EOT
line one
