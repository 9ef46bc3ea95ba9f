locals {
  a = terraform_data.nope.id
}
