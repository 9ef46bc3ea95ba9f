# leading
# second
a = 1
