locals {
  a = "${ 1 ~ }"
}
