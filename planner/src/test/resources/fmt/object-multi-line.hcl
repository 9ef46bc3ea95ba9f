x = {
a = 1
bb = "two"
ccc = {
d = true
}
}
