resource "terraform_data" "counted" {
  count = 3
  input = "item-${count.index}"
}

resource "terraform_data" "keyed" {
  for_each = { a = 1, b = 2 }
  input    = each.value
}

resource "terraform_data" "set" {
  for_each = toset(["x", "y"])
  input    = each.key
}
