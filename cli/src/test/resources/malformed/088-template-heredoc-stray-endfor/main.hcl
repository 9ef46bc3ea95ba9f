locals {
  a = <<EOT
x
%{endfor}
EOT
}
