locals {
  a =