resource "terraform_data" "a" {
  count = "a"
}
