x = 2
region = "us" y = 1
