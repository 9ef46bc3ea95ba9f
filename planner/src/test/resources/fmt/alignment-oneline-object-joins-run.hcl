a = { x = 1 }
longer = 2
c = [1, 2]
