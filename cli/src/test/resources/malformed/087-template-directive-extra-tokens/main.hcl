locals {
  a = "%{endif x}"
}
