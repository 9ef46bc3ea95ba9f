a = -1
b = !var.x
c = - var.y
d = ! var.z
e = [-1, - 2]
f = 1 - -2
