a = trimspace(<<EOT
text
EOT
)
b = [<<EOT
x
EOT
, "y"]
