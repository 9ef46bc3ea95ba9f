a = coalesce(var.a,
var.b,
var.c)
b = join(",", [
"x",
"y",
])
