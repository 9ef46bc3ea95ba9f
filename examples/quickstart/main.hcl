# The quickstart: a small but real platform for one team, on Kubernetes and Databricks at once.
#
# Every *.hcl file in this directory belongs to one configuration; lockstep reads them all and
# works out the order from the references between blocks, not from the order of files or blocks.
#   main.hcl        providers, input variables, local values, the secret read from Vault
#   kubernetes.hcl  the team's namespace, network policies, RBAC, ingress and secret
#   databricks.hcl  the team's group, cluster, notebook, job, ACLs and secret scope
#   outputs.hcl     values printed after apply (`lockstep output`)
#
# Try it without any cluster or workspace (see README.md):
#   ./lockstep -C examples/quickstart --sandbox apply --auto-approve
# (the sandbox's Vault starts with the password in sandbox-seed.json)

# --- Providers ----------------------------------------------------------------------------------
# Provider blocks say how to reach each system. Empty blocks mean "from the environment":
# kubeconfig (KUBECONFIG or ~/.kube/config), DATABRICKS_HOST/DATABRICKS_TOKEN, VAULT_ADDR/VAULT_TOKEN.
# With --sandbox, lockstep keeps these blocks as they are and points every provider at its
# loopback emulators instead, so nothing here has to change between the sandbox and production.

provider "kubernetes" {}

provider "databricks" {}

provider "vault" {}

# --- Input variables ----------------------------------------------------------------------------
# A variable has a type, usually a default, and optionally validation rules that run before
# anything is contacted. Set them with --var team=web, a *.auto.vars.hcl file, or LOCKSTEP_VAR_team.

variable "team" {
  description = "Short name of the team; used in every object name."
  type        = string
  default     = "analytics"

  validation {
    # regex() fails on no match; can() turns that failure into false.
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.team))
    error_message = "team must be 2-21 characters: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "group" {
  description = "The identity-provider group whose members work in this platform (the same name in both systems)."
  type        = string
  default     = "analytics-engineers"
}

variable "ingress_host" {
  description = "Public host name of the team's web entry point."
  type        = string
  default     = "analytics.example.com"

  validation {
    condition     = !strcontains(var.ingress_host, "*")
    error_message = "Wildcard hosts are not allowed: name the host exactly."
  }
}

variable "egress" {
  description = "Where pods in the namespace may connect to, besides nothing (the namespace denies by default)."
  # A map of objects; optional() attributes take their default when a caller leaves them out.
  type = map(object({
    cidr     = string
    ports    = list(number)
    protocol = optional(string, "TCP")
  }))
  default = {
    dns       = { cidr = "10.96.0.10/32", ports = [53], protocol = "UDP" }
    warehouse = { cidr = "10.20.0.0/16", ports = [5432] }
  }

  validation {
    # A for expression over the map, and alltrue() over the results.
    condition     = alltrue([for rule in values(var.egress) : can(cidrhost(rule.cidr, 0))])
    error_message = "Every egress rule needs a valid CIDR, such as 10.0.0.0/16."
  }
}

variable "autotermination_minutes" {
  description = "Minutes of inactivity after which the team's cluster stops (and stops costing money)."
  type        = number
  default     = 30

  validation {
    condition     = var.autotermination_minutes >= 10 && var.autotermination_minutes <= 120
    error_message = "Auto-termination must be between 10 and 120 minutes; a cluster that never stops is not allowed."
  }
}

# --- Local values -------------------------------------------------------------------------------
# Locals name expressions so they are written once; refer to them as local.<name>.

locals {
  namespace = "team-${var.team}" # a string template

  # Labels every Kubernetes object gets; merge() combines maps, later keys win.
  labels = merge(
    {
      "app.kubernetes.io/part-of" = var.team
      "example.lockstep.dev/kind" = "quickstart"
    },
    { team = var.team },
  )

  # What the team's group may do in its namespace: one Role rule per entry (see the dynamic block
  # in kubernetes.hcl).
  team_rules = [
    { api_groups = [""], resources = ["pods", "pods/log", "services", "configmaps"], verbs = ["get", "list", "watch"] },
    { api_groups = ["batch"], resources = ["jobs", "cronjobs"], verbs = ["get", "list", "watch", "create", "delete"] },
    { api_groups = ["apps"], resources = ["deployments"], verbs = ["get", "list", "watch", "update", "patch"] },
  ]

  # Databricks tags: custom_tags wants a map of strings.
  tags = {
    team       = var.team
    managed_by = "lockstep"
  }
}

# --- A secret from Vault ------------------------------------------------------------------------
# A data source reads something lockstep does not manage. This one reads a KV version 2 secret
# (mount "secret", path "quickstart/db"). Everything it returns in `data` is sensitive: plans,
# state files, logs and errors show "(sensitive value)", and state keeps only a keyed hash so a
# change in Vault still shows up as a change in the plan. The value is used twice below: in a
# Kubernetes Secret and in a Databricks secret scope.

data "vault_kv_secret" "db" {
  mount = "secret"
  path  = "quickstart/db"
}
