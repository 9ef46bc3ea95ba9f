locals {
  a = <<EOT
hello ${1 +}
EOT
}
