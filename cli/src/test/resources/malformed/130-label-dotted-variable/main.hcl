variable "x.y" {
}
