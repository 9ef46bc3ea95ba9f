variable "x" {
  type = object({ a = optional(string, "x", "y") })
}
