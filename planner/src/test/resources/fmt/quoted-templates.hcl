a = "hello ${var.name}!"
b = "${ var.a }${ var.b }"
c = "x${~ var.y ~}z"
d = "esc \"q\" \\ \n $${lit} %%{lit}"
