locals {
  a = var.