locals {
  a = { x = }
}
