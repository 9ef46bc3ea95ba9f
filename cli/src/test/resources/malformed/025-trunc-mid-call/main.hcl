locals {
  a = templatefile("x.tpl",