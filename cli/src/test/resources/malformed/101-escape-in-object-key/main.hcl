locals {
  a = { "k\z" = 1 }
}
