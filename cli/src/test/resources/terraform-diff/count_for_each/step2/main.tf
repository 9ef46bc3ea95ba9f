resource "terraform_data" "counted" {
  count = 2
  input = "item-${count.index}"
}

resource "terraform_data" "keyed" {
  for_each = { b = 20, c = 3 }
  input    = each.value
}

resource "terraform_data" "set" {
  for_each = toset(["x", "y", "z"])
  input    = each.key
}
