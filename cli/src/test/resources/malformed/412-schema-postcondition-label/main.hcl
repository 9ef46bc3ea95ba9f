resource "terraform_data" "a" {
  lifecycle {
    postcondition "x" {
      condition     = true
      error_message = "m"
    }
  }
}
