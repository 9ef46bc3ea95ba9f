data "terraform_data" {
}
