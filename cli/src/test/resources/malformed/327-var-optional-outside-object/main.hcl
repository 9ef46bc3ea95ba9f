variable "x" {
  type = map(optional(string))
}
