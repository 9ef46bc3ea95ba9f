locals {
  a = [for x in