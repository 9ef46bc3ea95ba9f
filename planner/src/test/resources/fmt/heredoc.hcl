a = <<EOT
hello ${var.name}
  indented line   
	tabbed
EOT
b = 1
