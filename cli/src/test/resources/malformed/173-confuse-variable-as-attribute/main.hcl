variable = "x"
