variable "token" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}

output "t" {
  value = [var.token]
}
