resource "terraform_data" "scalar" {
  input            = "x"
  triggers_replace = "v1"
}

resource "terraform_data" "list" {
  triggers_replace = ["a", "b"]
}

resource "terraform_data" "input_too" {
  input            = "old"
  triggers_replace = { version = 1 }
}

resource "terraform_data" "steady" {
  input            = "y"
  triggers_replace = "same"
}
