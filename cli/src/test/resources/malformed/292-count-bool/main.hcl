resource "terraform_data" "a" {
  count = true
}
