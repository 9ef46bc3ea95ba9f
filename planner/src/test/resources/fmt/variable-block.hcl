variable "region" {
type = string
default = "eu-west-1"
description = "Where"
sensitive = false
validation {
condition = length(var.region) > 0
error_message = "Empty."
}
}
