a = {for k,v in var.map: k=>v}
b = {for k, v in var.map : v => k...}
c = {for k, v in var.map : k => v if v != null}
