locals {
  a = data.terraform_data
}
