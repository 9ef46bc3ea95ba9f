resource "terraform_data" "source" {
  input = "one"
}

resource "terraform_data" "trigger" {
  input            = "t"
  triggers_replace = terraform_data.source.output
}
