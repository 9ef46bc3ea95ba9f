# c
a = <<EOT
line
EOT
b = 2 // t
