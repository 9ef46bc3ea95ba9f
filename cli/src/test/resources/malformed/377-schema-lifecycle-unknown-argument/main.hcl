resource "terraform_data" "a" {
  lifecycle {
    prevent_delete = true
  }
}
