# One state shared by every runner: a plan job, an apply job and a scheduled drift job, each on a
# fresh checkout. The state lives in the cluster (Secrets, switched atomically; a Lease as the
# lock) and is encrypted, so the cluster's readers learn nothing from it. See README.md.
#
#   export LOCKSTEP_VAR_state_passphrase='a long passphrase from your CI secret store'
#   ./lockstep -C examples/team --sandbox plan --out plan.out
#   ./lockstep -C examples/team --sandbox apply plan.out
#   ./lockstep -C examples/team --sandbox drift

lockstep {
  backend "kubernetes" {
    secret_suffix = "team-platform" # Terraform's argument names: a terraform backend block ports as is
    namespace     = "default"
    labels        = { owner = "platform" }
    lock_duration = "30s" # a killed runner's lock lapses after this; the holder renews it meanwhile
  }

  encryption {
    key_provider "pbkdf2" "ci" {
      passphrase = var.state_passphrase # from LOCKSTEP_VAR_state_passphrase (or TF_VAR_state_passphrase)
    }
    method "aes_gcm" "ci" {
      keys = key_provider.pbkdf2.ci
    }
    state {
      method   = method.aes_gcm.ci
      enforced = true
    }
    plan {
      method   = method.aes_gcm.ci
      enforced = true
    }
  }
}

provider "kubernetes" {}

variable "teams" {
  description = "Each team's namespace and the identity-provider group that develops in it."
  type        = map(string)
  default = {
    payments = "payments-devs"
    search   = "search-devs"
  }
}

resource "kubernetes_namespace" "team" {
  for_each = var.teams
  metadata {
    name   = each.key
    labels = { "team" = each.key }
  }
}

resource "kubernetes_role_binding" "developers" {
  for_each = var.teams
  metadata {
    name      = "developers"
    namespace = kubernetes_namespace.team[each.key].metadata[0].name
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "edit"
  }
  subject {
    kind      = "Group"
    name      = each.value
    api_group = "rbac.authorization.k8s.io"
  }
}
