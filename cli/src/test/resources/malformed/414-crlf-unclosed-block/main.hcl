locals {
  a = 1

resource "terraform_data" "b" {
}
