locals {
  a = { ([1]) = 1 }
}
