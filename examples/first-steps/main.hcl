# A first lockstep configuration. It uses only the built-in terraform_data resource, so it needs no
# cluster, workspace or credentials. Every *.hcl file in this directory is part of the
# configuration; *.vars.hcl files hold variable values instead.

variable "team" {
  description = "The team this platform slice belongs to."
  type        = string
  default     = "data-eng"

  validation {
    condition     = length(var.team) <= 20
    error_message = "Team names are at most 20 characters."
  }
}

variable "environments" {
  type = map(object({
    replicas = number
    public   = optional(bool, false)
  }))
  default = {
    dev  = { replicas = 1 }
    prod = { replicas = 3, public = true }
  }
}

locals {
  # A for expression with a filter: the environments reachable from outside.
  public_envs = [for name, env in var.environments : name if env.public]
  labels = {
    "app.kubernetes.io/part-of" = var.team
    "lockstep.dev/public"       = join(",", local.public_envs)
  }
}

# One instance per environment: terraform_data.namespace["dev"], terraform_data.namespace["prod"].
resource "terraform_data" "namespace" {
  for_each = var.environments

  input = {
    name     = "${var.team}-${each.key}"
    replicas = each.value.replicas
    labels   = local.labels
  }
}

output "namespaces" {
  value = [for ns in terraform_data.namespace : ns.output.name]
}
