a = /* why */ 1
b = 2
