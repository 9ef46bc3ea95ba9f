a = null
b = true
c = false
d = [true,false,null]
