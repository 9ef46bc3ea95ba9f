resource "terraform_data" "a" {
  input = "a1"
}

resource "terraform_data" "b" {
  input = terraform_data.a.output
}

resource "terraform_data" "c" {
  input = "c1"
}

output "b" {
  value = terraform_data.b.output
}
