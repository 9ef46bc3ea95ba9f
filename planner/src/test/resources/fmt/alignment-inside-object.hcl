x = {
a = 1
longer = 2

c = 3
}
