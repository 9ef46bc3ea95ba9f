a = 1
longer = 2
nested {
x = 1
}
b = 3
much_longer_name = 4
