locals {
  a = "x%{endif}"
}
