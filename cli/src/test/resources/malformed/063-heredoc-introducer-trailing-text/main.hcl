locals {
  a = <<EOT extra
hello
EOT
}
