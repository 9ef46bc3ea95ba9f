locals {
  a = data.terraform_data.nope.id
}
