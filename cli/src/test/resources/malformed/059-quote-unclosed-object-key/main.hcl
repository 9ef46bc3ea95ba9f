locals {
  a = { "k = 1 }
}
