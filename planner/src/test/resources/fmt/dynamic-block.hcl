resource "x" "y" {
dynamic "rule" {
for_each = var.rules
content {
verbs = rule.value.verbs
}
}
}
