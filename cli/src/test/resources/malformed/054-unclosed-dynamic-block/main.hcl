variable "x" {
  validation {
    condition     = true
    error_message = "x"

}

locals {
  y = 1
}
