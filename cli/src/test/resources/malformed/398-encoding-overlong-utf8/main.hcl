locals {
  a = "À¯"
}
