resource "terraform_data" "a" {
  dynamic "rule" {
    for_each = [1]
    content {
    }
  }
}
