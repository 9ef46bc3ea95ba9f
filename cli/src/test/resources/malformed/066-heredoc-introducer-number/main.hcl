locals {
  a = <<123
hello
123
}
