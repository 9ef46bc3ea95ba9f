locals {
  a = "${