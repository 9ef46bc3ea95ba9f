variable "x" {
  type     = string
  nullable = false
  default  = null
}
