locals {
  a = "${var.x