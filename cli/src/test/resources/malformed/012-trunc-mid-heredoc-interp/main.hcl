locals {
  a = <<EOT
${upper(
