locals {
  a = "%{if}x%{endif}"
}
