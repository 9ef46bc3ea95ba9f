a = 1
long_name = 2
mid = 3
