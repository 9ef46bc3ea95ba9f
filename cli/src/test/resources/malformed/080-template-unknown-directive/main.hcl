locals {
  a = "%{while true}x"
}
