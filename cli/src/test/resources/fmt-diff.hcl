a=1
bb = 2

block {
  one = 1
  two = 2
  three = 3
}

c = 3
d = 4
e = 5
f = 6
g = 7
h = 8

last {
x=[1,2]
}