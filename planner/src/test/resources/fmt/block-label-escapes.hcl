resource "a\"b" "\u00e9t\u00e9" {}
resource "tab\there" "back\\slash" {}
