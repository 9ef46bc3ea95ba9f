block {
a = <<-EOT
    one
      two ${ var.x }
    EOT
b = 2
}
