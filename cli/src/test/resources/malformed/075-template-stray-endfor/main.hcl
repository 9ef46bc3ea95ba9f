locals {
  a = "x%{endfor}"
}
