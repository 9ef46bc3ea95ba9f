variable "x" {
  type = object(string)
}
