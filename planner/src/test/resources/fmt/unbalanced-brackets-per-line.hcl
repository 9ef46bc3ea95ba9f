a = [[
1,
2,
]]
b = foo(bar(
1
))
