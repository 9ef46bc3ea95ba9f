locals {
  a = [1][