locals {
  b = 2

resource "terraform_data" "c" {
}
