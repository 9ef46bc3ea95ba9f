locals {
  a = "%{if "s"}x%{endif}"
}
