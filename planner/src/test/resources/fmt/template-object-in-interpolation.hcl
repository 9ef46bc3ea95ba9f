a = "x${ {a = 1}.a }"
b = "${  var.a  } and ${var.b}"
