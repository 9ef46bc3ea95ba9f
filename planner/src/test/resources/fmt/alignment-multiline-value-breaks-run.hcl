a = 1
longer = [
1,
2,
]
b = 3
much_longer_name = 4
