locals {
  a = <<EOT