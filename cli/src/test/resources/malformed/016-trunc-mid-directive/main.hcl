locals {
  a = "%{if true}