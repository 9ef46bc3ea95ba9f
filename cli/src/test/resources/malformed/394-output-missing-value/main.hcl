output "x" {
  description = "d"
}
