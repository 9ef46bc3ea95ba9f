variable "token" {
  type      = string
  default   = "trigger-canary-1"
  sensitive = true
}

variable "rotated" {
  type      = string
  default   = "trigger-canary-2"
  sensitive = true
}

# the trigger is unchanged: an update of input, no replacement
resource "terraform_data" "kept" {
  input            = "x1"
  triggers_replace = var.token
}

# the trigger changes: a replacement
resource "terraform_data" "rotated" {
  input            = "r"
  triggers_replace = var.token
}
