variable "token" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}

locals {
  t = "Bearer ${var.token}"
}

output "t" {
  value = local.t
}
