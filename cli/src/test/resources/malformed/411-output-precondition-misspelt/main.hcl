output "x" {
  value = 1
  precondition {
    conditon      = true
    error_message = "m"
  }
}
