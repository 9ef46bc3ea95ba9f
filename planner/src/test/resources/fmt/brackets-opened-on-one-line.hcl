x = [{
a = 1
}, {
b = 2
}]
y = merge({
c = 3
})
