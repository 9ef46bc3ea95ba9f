resource "terraform_data" "a" {
  input = "one"
}

output "changed" {
  value = "before"
}

output "same" {
  value = { k = "v" }
}

output "from_resource" {
  value = terraform_data.a.output
}

output "removed" {
  value = [1, 2]
}

output "secret" {
  value     = "hidden-canary-1"
  sensitive = true
}
