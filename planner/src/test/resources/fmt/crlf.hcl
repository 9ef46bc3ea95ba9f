a = 1
longer = 2
b {
c = [
1,
]
}
