variable "x" {
  type = optional(string)
}
