a = "%{ if var.x }yes%{ else }no%{ endif }"
b = "%{for v in var.list}${v},%{endfor}"
c = "%{~ if true ~}t%{~ endif ~}"
