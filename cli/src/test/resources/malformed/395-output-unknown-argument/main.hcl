output "x" {
  value = 1
  valeu = 2
}
