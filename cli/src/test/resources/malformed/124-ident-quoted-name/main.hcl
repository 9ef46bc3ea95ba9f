locals {
  "a" = 2
}
