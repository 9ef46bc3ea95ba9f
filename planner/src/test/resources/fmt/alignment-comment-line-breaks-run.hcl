a = 1
longer = 2
# a comment line
b = 3
much_longer_name = 4
