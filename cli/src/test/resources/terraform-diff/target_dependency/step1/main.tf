resource "terraform_data" "n" {
  count = 3
  input = "n${count.index}-v1"
}

resource "terraform_data" "keyed" {
  for_each = toset(["a", "b"])
  input    = "${each.key}-v1"
}

resource "terraform_data" "uses_n" {
  input = terraform_data.n[1].output
}
