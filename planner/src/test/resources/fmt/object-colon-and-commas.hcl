x = {
a: 1,
bb: 2,
}
y = {"k" = 1, (local.k) = 2}
