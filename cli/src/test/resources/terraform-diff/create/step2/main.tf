resource "terraform_data" "plain" {
  input = "hello"
}

resource "terraform_data" "empty" {
}

resource "terraform_data" "number" {
  input            = 42
  triggers_replace = true
}
