# Multi-team RBAC on one cluster: each team gets a namespace with quotas, default-deny networking,
# a deployer service account, and RoleBindings for its identity-provider groups; roles are
# defined once as ClusterRoles and bound per namespace; auditors get read-only access everywhere.
#
#   ./lockstep -C examples/kubernetes-rbac --sandbox plan
#   ./lockstep -C examples/kubernetes-rbac --sandbox apply --auto-approve
#   ./lockstep -C examples/kubernetes-rbac --sandbox drift --unmanaged   # bindings nobody declared

provider "kubernetes" {}

variable "teams" {
  description = "Teams by name: the group that develops in the namespace, groups that only read it, and quotas."
  type = map(object({
    developers = string
    viewers    = optional(list(string), [])
    cpu        = optional(string, "8")
    memory     = optional(string, "16Gi")
  }))
  default = {
    payments = { developers = "payments-devs", viewers = ["finance-analysts", "support"] }
    search   = { developers = "search-devs", cpu = "16", memory = "64Gi" }
  }

  validation {
    condition     = alltrue([for name in keys(var.teams) : can(regex("^[a-z][a-z0-9-]{1,30}$", name))])
    error_message = "Team names must be DNS labels: lowercase letters, digits and dashes."
  }
}

variable "auditors_group" {
  description = "Group with read-only access to every team namespace, cluster-wide."
  type        = string
  default     = "security-auditors"
}

locals {
  # Read-only access to the usual workload objects. Secrets are deliberately absent.
  read_rules = [
    { api_groups = [""], resources = ["pods", "pods/log", "services", "configmaps", "events", "persistentvolumeclaims"] },
    { api_groups = ["apps"], resources = ["deployments", "statefulsets", "replicasets"] },
    { api_groups = ["batch"], resources = ["jobs", "cronjobs"] },
  ]

  # One entry per (team, viewer group) pair. flatten() turns the nested lists into one list, and
  # the for expression below turns that into a map keyed "team/group", which for_each needs:
  # for_each takes a map or a set of strings, so every instance has a stable key.
  viewer_pairs = flatten([
    for team, t in var.teams : [
      for group in t.viewers : { team = team, group = group }
    ]
  ])
  viewer_bindings = { for p in local.viewer_pairs : "${p.team}/${p.group}" => p }
}

# --- Roles, defined once ------------------------------------------------------------------------

resource "kubernetes_cluster_role" "viewer" {
  metadata {
    name = "team-viewer"
  }
  dynamic "rule" {
    for_each = local.read_rules
    content {
      api_groups = rule.value.api_groups
      resources  = rule.value.resources
      verbs      = ["get", "list", "watch"]
    }
  }
}

resource "kubernetes_cluster_role" "developer" {
  metadata {
    name = "team-developer"
  }
  # concat() adds write access on top of the read rules.
  dynamic "rule" {
    for_each = concat(local.read_rules, [
      { api_groups = ["apps"], resources = ["deployments", "statefulsets"] },
      { api_groups = ["batch"], resources = ["jobs", "cronjobs"] },
      { api_groups = [""], resources = ["configmaps", "services"] },
    ])
    content {
      api_groups = rule.value.api_groups
      resources  = rule.value.resources
      # rule.key is the index in the list: the first entries are the read rules.
      verbs = rule.key < length(local.read_rules) ? ["get", "list", "watch"] : ["create", "update", "patch", "delete"]
    }
  }
}

# --- One namespace per team ---------------------------------------------------------------------

resource "kubernetes_namespace" "team" {
  for_each = var.teams

  metadata {
    name = each.key
    labels = {
      "example.lockstep.dev/team" = each.key
    }
  }
}

resource "kubernetes_resource_quota" "team" {
  for_each = var.teams

  metadata {
    name      = "compute"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
  spec {
    hard = {
      "requests.cpu"    = each.value.cpu
      "requests.memory" = each.value.memory
      pods              = 50
    }
  }
}

resource "kubernetes_limit_range" "team" {
  for_each = var.teams

  metadata {
    name      = "defaults"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
  spec {
    limit {
      type = "Container"
      default = {
        cpu    = "500m"
        memory = "512Mi"
      }
      default_request = {
        cpu    = "100m"
        memory = "128Mi"
      }
    }
  }
}

# Nothing in, nothing out, except traffic between pods of the same namespace.
resource "kubernetes_network_policy" "isolate" {
  for_each = var.teams

  metadata {
    name      = "isolate"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]
    ingress {
      from {
        pod_selector {}
      }
    }
    egress {
      to {
        pod_selector {}
      }
    }
  }
}

resource "kubernetes_service_account" "deployer" {
  for_each = var.teams

  metadata {
    name      = "deployer"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
}

# --- Bindings -----------------------------------------------------------------------------------

# A RoleBinding may refer to a ClusterRole: the rules are defined once, the access stays in the
# namespace.
resource "kubernetes_role_binding" "developers" {
  for_each = var.teams

  metadata {
    name      = "developers"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.developer.metadata[0].name
  }
  subject {
    kind = "Group"
    name = each.value.developers
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.deployer[each.key].metadata[0].name
    namespace = each.key
  }
}

# One binding per (team, viewer group): kubernetes_role_binding.viewers["payments/support"], ...
resource "kubernetes_role_binding" "viewers" {
  for_each = local.viewer_bindings

  metadata {
    name      = "viewers-${each.value.group}"
    namespace = kubernetes_namespace.team[each.value.team].metadata[0].name
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.viewer.metadata[0].name
  }
  subject {
    kind = "Group"
    name = each.value.group
  }
}

resource "kubernetes_cluster_role_binding" "auditors" {
  metadata {
    name = "auditors-view"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.viewer.metadata[0].name
  }
  subject {
    kind = "Group"
    name = var.auditors_group
  }
}

# --- Outputs ------------------------------------------------------------------------------------

output "namespaces" {
  value = sort([for ns in kubernetes_namespace.team : ns.metadata[0].name])
}

# Who may do what where, as a map: { "payments" = { developers = "payments-devs", viewers = [...] } }
output "access" {
  value = {
    for team, t in var.teams : team => {
      developers = t.developers
      viewers    = t.viewers
      auditors   = var.auditors_group
    }
  }
}
