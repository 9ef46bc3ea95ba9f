locals {
  a = [1, { b = zzz_not_a_function() }]
}
