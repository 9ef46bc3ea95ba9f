locals {
  a = <<EOT
%{ if true }
yes
EOT
}
