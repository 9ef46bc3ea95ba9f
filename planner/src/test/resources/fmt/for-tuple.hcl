a = [for v in var.list: upper(v)]
b = [for i,v in var.list : v if i>0]
c = [for x in [1,2]: x]
