# The configuration the CI recipes of examples/ci run: a team namespace that is closed by default
# (a default-deny NetworkPolicy) and a namespaced Role without wildcards bound to the team's
# identity-provider group. The state is shared by every runner (backend "kubernetes": Secrets and a
# Lease in the namespace "lockstep", which must exist before the first plan) and encrypted with a
# passphrase from the CI secret store. Every saved plan needs two signatures from approvers.pub
# before `lockstep apply` accepts it. See examples/ci/README.md.
#
#   export LOCKSTEP_VAR_state_passphrase='a long passphrase from your CI secret store'
#   ./lockstep -C examples/ci/infra plan -o lockstep.plan --format markdown
#   ./lockstep approve examples/ci/infra/lockstep.plan -f ~/.ssh/lockstep_approver   # two approvers
#   ./lockstep -C examples/ci/infra apply lockstep.plan

lockstep {
  backend "kubernetes" {
    secret_suffix = "ci-platform"
    namespace     = "lockstep" # the state's own namespace: the drift CronJob reads its Secrets
    lock_duration = "60s"
  }

  encryption {
    key_provider "pbkdf2" "ci" {
      passphrase = var.state_passphrase # LOCKSTEP_VAR_state_passphrase, from the CI secret store
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

  approvals {
    required          = 2
    trusted_keys_file = "approvers.pub" # one OpenSSH public key per line: the people who may approve
  }
}

provider "kubernetes" {}

variable "state_passphrase" {
  description = "Encrypts the shared state and saved plans (at least 16 characters)."
  type        = string
  sensitive   = true
}

variable "team" {
  description = "The team's namespace and the identity-provider group that deploys in it."
  type = object({
    name  = string
    group = string
  })
  default = {
    name  = "payments"
    group = "payments-devs"
  }
}

resource "kubernetes_namespace" "team" {
  metadata {
    name   = var.team.name
    labels = { "team" = var.team.name }
  }
}

# Nothing in, nothing out until a policy allows it.
resource "kubernetes_network_policy" "default_deny" {
  metadata {
    name      = "default-deny"
    namespace = kubernetes_namespace.team.metadata[0].name
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]
  }
}

# What the team may do in its namespace: named resources and verbs, no wildcards.
resource "kubernetes_role" "deployer" {
  metadata {
    name      = "deployer"
    namespace = kubernetes_namespace.team.metadata[0].name
  }
  rule {
    api_groups = ["apps"]
    resources  = ["deployments"]
    verbs      = ["get", "list", "watch", "create", "update", "patch"]
  }
  rule {
    api_groups = [""]
    resources  = ["services", "configmaps"]
    verbs      = ["get", "list", "watch", "create", "update", "patch"]
  }
}

resource "kubernetes_role_binding" "deployers" {
  metadata {
    name      = "deployers"
    namespace = kubernetes_namespace.team.metadata[0].name
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role.deployer.metadata[0].name
  }
  subject {
    kind      = "Group"
    name      = var.team.group
    api_group = "rbac.authorization.k8s.io"
  }
}
