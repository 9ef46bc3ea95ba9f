variable "x" {
  nullable = var.y
}
