resource "terraform_data" "string" {
  input = "one"
}

resource "terraform_data" "object" {
  input = { k = "v", n = 1 }
}

resource "terraform_data" "same" {
  input = "unchanged"
}

resource "terraform_data" "to_null" {
  input = "something"
}
