a = var.map["k"].attr
b = var.list [0]
c = local.x . y . z
d = var.list[count.index]
e = local.tuple.0
