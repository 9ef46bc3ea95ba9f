a = merge(
var.defaults,
{
name = "x"
},
)
b = format(
"%s",
var.x
)
