resource "kubernetes_role" "reader" {
metadata {
name = "reader"
namespace = "team"
}
rule {
api_groups = [""]
verbs = ["get", "list"]
}
}
