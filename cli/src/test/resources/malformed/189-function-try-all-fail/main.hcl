locals {
  a = try(nosuch(), [][0])
}
