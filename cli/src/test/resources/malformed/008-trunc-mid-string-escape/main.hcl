locals {
  a = "abc\