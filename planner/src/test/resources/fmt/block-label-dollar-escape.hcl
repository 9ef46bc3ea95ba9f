resource "a" "dollar$${x}" {}
