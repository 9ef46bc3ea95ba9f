variable "x" {
  type = object({ a = optional(number, "many") })
}
