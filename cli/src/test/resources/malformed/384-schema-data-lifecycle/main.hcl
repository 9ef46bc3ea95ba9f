data "terraform_data" "a" {
  lifecycle {
  }
}
