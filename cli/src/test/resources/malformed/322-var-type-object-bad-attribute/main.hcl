variable "x" {
  type = object({ a = strng })
}
