a = ( 1 + 2 )
b = ((var.x))
c = (
var.x
)
