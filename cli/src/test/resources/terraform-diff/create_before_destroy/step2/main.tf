resource "terraform_data" "cbd" {
  input            = "x"
  triggers_replace = 2

  lifecycle {
    create_before_destroy = true
  }
}
