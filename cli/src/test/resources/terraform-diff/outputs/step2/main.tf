resource "terraform_data" "a" {
  input = "two"
}

output "changed" {
  value = "after"
}

output "same" {
  value = { k = "v" }
}

output "from_resource" {
  value = terraform_data.a.output
}

output "added" {
  value = { list = [1], s = "x" }
}

output "secret" {
  value     = "hidden-canary-2"
  sensitive = true
}
