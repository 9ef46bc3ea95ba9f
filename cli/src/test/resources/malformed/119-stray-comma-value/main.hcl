locals {
  a = ,
}
