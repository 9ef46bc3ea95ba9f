resource "terraform_data" "a" {
  triggers {
  }
}
