# The team's corner of the Kubernetes cluster. Blocks are written exactly as for Terraform's
# Kubernetes provider: `metadata` is a nested block, and read back as a list of one, so a
# reference to the namespace's name is kubernetes_namespace.team.metadata[0].name.

resource "kubernetes_namespace" "team" {
  metadata {
    name   = local.namespace
    labels = local.labels
  }
}

# Deny all traffic in and out of every pod in the namespace (an empty pod_selector selects every
# pod; listing both policy types with no rules allows nothing). The policies below open holes.
resource "kubernetes_network_policy" "default_deny" {
  metadata {
    name   = "default-deny"
    labels = local.labels
    # A reference rather than the namespace's name as a string: lockstep learns from it that the
    # namespace must exist first, and creates the two in that order.
    namespace = kubernetes_namespace.team.metadata[0].name
  }

  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]
  }
}

# One egress policy per entry of var.egress: for_each over a map creates
# kubernetes_network_policy.egress["dns"] and kubernetes_network_policy.egress["warehouse"];
# each.key and each.value are the entry being created.
resource "kubernetes_network_policy" "egress" {
  for_each = var.egress

  metadata {
    name      = "allow-egress-${each.key}"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
  }

  spec {
    pod_selector {}
    policy_types = ["Egress"]

    egress {
      to {
        ip_block {
          cidr = each.value.cidr
        }
      }
      # A dynamic block writes one `ports` block per element of for_each.
      dynamic "ports" {
        for_each = each.value.ports
        content {
          port     = ports.value
          protocol = each.value.protocol
        }
      }
    }
  }
}

# The identity CI jobs run as in this namespace.
resource "kubernetes_service_account" "runner" {
  metadata {
    name      = "${var.team}-runner"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
  }
  automount_service_account_token = false
}

resource "kubernetes_role" "team" {
  metadata {
    name      = "${var.team}-developer"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
  }

  # One rule block per element of local.team_rules.
  dynamic "rule" {
    for_each = local.team_rules
    content {
      api_groups = rule.value.api_groups
      resources  = rule.value.resources
      verbs      = rule.value.verbs
    }
  }
}

# Binds the role to the team's group and to the runner service account.
resource "kubernetes_role_binding" "team" {
  metadata {
    name      = "${var.team}-developer"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.team.metadata[0].name
  }
  subject {
    kind = "Group"
    name = var.group
  }
  subject {
    kind      = "ServiceAccount"
    name      = kubernetes_service_account.runner.metadata[0].name
    namespace = kubernetes_namespace.team.metadata[0].name
  }
}

# The team's web entry point: TLS only, and every request authenticated by an external auth
# service first (the ingress-nginx annotations below).
resource "kubernetes_ingress_v1" "portal" {
  metadata {
    name      = "${var.team}-portal"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
    annotations = {
      "nginx.ingress.kubernetes.io/auth-url"    = "https://auth.example.com/oauth2/auth"
      "nginx.ingress.kubernetes.io/auth-signin" = "https://auth.example.com/oauth2/start?rd=$scheme://$host$request_uri"
    }
  }

  spec {
    ingress_class_name = "nginx"

    tls {
      hosts       = [var.ingress_host]
      secret_name = "${var.team}-portal-tls"
    }

    rule {
      host = var.ingress_host
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = "${var.team}-portal"
              port {
                number = 8080
              }
            }
          }
        }
      }
    }
  }
}

# The database password from Vault, as a Kubernetes Secret the team's pods can mount. `data` is
# sensitive: the plan shows "(sensitive value)" and the state keeps a keyed hash, never the value.
resource "kubernetes_secret" "db" {
  metadata {
    name      = "db"
    namespace = kubernetes_namespace.team.metadata[0].name
    labels    = local.labels
  }
  data = {
    password = data.vault_kv_secret.db.data["password"]
  }
}
