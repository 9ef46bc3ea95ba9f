resource "kubernetes_namespace" "team" {
for_each = toset(var.teams)
metadata {
name = each.key
labels = {
"app.kubernetes.io/managed-by" = "lockstep"
team = each.value
}
}
lifecycle {
prevent_destroy = true
ignore_changes = [metadata[0].annotations]
}
depends_on = [kubernetes_namespace.base]
}
