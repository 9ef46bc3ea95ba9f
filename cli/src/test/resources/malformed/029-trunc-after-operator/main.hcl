locals {
  a = 1 +