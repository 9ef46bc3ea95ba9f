a = "x${
var.y
}z"
b = "%{ if
var.c }c%{ endif }"
