block { # opens
a = 1 # inner
} # closes
