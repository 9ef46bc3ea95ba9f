a = var.x ? 1 : 2
b = var.x?"yes":"no"
c = (var.x == 1) ? -1 : var.y
