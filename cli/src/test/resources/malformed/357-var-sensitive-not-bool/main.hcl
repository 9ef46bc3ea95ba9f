variable "x" {
  sensitive = "yes"
}
