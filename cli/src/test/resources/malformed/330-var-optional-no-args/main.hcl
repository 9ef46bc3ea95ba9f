variable "x" {
  type = object({ a = optional() })
}
