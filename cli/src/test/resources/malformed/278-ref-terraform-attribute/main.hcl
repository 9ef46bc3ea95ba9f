locals {
  a = terraform.env
}
