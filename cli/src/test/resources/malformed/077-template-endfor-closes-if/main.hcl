locals {
  a = "%{if true}x%{endfor}"
}
