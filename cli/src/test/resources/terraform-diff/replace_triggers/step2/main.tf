resource "terraform_data" "scalar" {
  input            = "x"
  triggers_replace = "v2"
}

resource "terraform_data" "list" {
  triggers_replace = ["a", "c"]
}

resource "terraform_data" "input_too" {
  input            = "new"
  triggers_replace = { version = 2 }
}

resource "terraform_data" "steady" {
  input            = "y"
  triggers_replace = "same"
}
