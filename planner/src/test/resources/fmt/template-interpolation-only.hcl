a = "${var.name}"
b = "${var.a}${var.b}"
