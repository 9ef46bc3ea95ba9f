locals {
  a = "x%{else}y"
}
