a = 1
longer = 2
/* block comment */
b = 3
much_longer_name = 4
