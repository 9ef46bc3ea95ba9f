a = 1 # one
longer = 2 # two
c = "three" # three
