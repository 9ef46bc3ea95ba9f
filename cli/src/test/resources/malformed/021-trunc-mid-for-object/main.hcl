locals {
  a = {for k, v in {x = 1} : k =>