locals {
  a = "é€😀\q"
}
