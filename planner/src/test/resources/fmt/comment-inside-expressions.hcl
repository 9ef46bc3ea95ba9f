x = [
# first
1, # one
2, /* two */
// last
]
y = {
a = 1 # a
/* b */ b = 2
}
