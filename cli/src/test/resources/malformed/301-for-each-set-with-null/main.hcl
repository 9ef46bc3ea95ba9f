variable "ids" {
  type    = set(string)
  default = ["a", null]
}

resource "terraform_data" "a" {
  for_each = var.ids
}
