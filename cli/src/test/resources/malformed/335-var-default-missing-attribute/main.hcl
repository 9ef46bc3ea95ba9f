variable "x" {
  type    = object({ a = string })
  default = {}
}
