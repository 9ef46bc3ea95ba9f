resource "terraform_data" "cbd" {
  input            = "x"
  triggers_replace = 1

  lifecycle {
    create_before_destroy = true
  }
}
