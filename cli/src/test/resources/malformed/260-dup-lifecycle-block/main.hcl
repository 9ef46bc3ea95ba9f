resource "terraform_data" "a" {
  lifecycle {
    prevent_destroy = true
  }
  lifecycle {
    prevent_destroy = false
  }
}
