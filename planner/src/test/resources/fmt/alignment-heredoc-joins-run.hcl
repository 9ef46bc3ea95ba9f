a = 1
longer = <<EOT
hello
EOT
c = 2
