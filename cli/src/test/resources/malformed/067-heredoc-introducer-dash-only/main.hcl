locals {
  a = <<-
hello
}
