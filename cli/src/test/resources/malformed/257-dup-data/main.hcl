data "terraform_data" "a" {
}

data "terraform_data" "a" {
}
