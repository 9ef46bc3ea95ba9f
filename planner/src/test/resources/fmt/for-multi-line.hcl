a = [
for v in var.list :
v
if v != ""
]
b = {
for k, v in var.map :
k => v
}
