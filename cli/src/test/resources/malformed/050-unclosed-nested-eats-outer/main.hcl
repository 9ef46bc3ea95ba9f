resource "terraform_data" "a" {
  lifecycle {
    prevent_destroy = true

}

resource "terraform_data" "b" {
}
