output "x" {
  value {
  }
}
