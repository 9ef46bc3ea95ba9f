variable "x" {
  type = object({ a = string, a = number })
}
