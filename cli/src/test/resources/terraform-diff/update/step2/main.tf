resource "terraform_data" "string" {
  input = "two"
}

resource "terraform_data" "object" {
  input = { k = "w", n = 1 }
}

resource "terraform_data" "same" {
  input = "unchanged"
}

resource "terraform_data" "to_null" {
}
