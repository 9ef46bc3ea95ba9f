resouce "terraform_data" "a" {
}
