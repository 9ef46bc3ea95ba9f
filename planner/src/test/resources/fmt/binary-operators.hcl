a = 1+2*3
b = (1+2)*3
c = 10/2%3
d = 1<2&&3>=2||!true
e = var.a==var.b
f = var.a!=var.b
g = 5-3
h = var.x-1
