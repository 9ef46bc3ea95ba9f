a = var.list.0.name
b = 1[0]
