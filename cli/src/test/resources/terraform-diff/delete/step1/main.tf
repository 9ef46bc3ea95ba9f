resource "terraform_data" "kept" {
  input = "kept"
}

resource "terraform_data" "removed" {
  input = { a = [1, 2] }
}

resource "terraform_data" "counted" {
  count = 2
  input = count.index
}
