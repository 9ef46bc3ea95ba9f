resource "terraform_data" "main" {
}

output "x" {
  value = terraform_data.mian.id
}
