a = var.list[*].id
b = var.list.*.id
c = var.list [ * ] . id
d = aws_instance.x[*]
