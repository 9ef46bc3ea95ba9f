variable "x" {
}

variable "x" {
}
