x = 1
y = local.z
