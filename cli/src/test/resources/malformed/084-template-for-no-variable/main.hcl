locals {
  a = "%{for in [1]}x%{endfor}"
}
