locals {
  a = terraform_data
}
