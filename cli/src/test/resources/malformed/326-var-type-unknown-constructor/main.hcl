variable "x" {
  type = array(string)
}
