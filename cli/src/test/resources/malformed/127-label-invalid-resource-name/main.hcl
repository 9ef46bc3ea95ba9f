resource "terraform_data" "1bad" {
}
