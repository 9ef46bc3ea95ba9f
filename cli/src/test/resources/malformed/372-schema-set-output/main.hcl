resource "terraform_data" "a" {
  output = "x"
}
