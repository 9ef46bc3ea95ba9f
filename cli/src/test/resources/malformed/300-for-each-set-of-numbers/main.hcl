variable "ids" {
  type    = set(number)
  default = [1, 2]
}

resource "terraform_data" "a" {
  for_each = var.ids
}
