# One source of truth per secret, many consumers. The warehouse credentials live in Vault and an
# API key lives in AWS Secrets Manager; lockstep copies them into a Kubernetes Secret in every
# namespace that needs them and into a Databricks secret scope, and mints a Databricks token for
# CI that it rotates every 30 days, handing the new value to Kubernetes before revoking the old.
#
# On the sandbox both sources start out seeded from sandbox-seed.json (see README.md):
#   ./lockstep -C examples/secrets-fanout --sandbox apply --auto-approve
# Then change a source (put-secret again) and plan: exactly its consumers are updated.

provider "vault" {}

provider "aws" {
  region = "us-east-1"
}

provider "kubernetes" {}

provider "databricks" {}

variable "namespaces" {
  description = "Namespaces whose workloads need the warehouse credentials and the API key."
  type        = set(string)
  default     = ["ingest", "reporting"]
}

variable "api_key_id" {
  description = "Name (or ARN) of the API key in Secrets Manager."
  type        = string
  default     = "prod/reporting-api-key"
}

variable "token_rotation" {
  description = "How old the CI token may get before lockstep replaces it (a duration: 30d, 12h)."
  type        = string
  default     = "30d"
}

# --- Sources ------------------------------------------------------------------------------------

data "vault_kv_secret" "warehouse" {
  mount = "secret"
  path  = "shared/warehouse"
}

# AWSCURRENT unless version_stage or version_id says otherwise.
data "aws_secretsmanager_secret" "api_key" {
  secret_id = var.api_key_id
}

locals {
  # Values read from secret sources are sensitive, and so is this map. It is fine to index it;
  # it would not be fine to use it as a for_each argument, because for_each keys become part of
  # resource addresses, which are never secret. So the keys are listed separately, as plain strings.
  shared = {
    "warehouse-username" = data.vault_kv_secret.warehouse.data["username"]
    "warehouse-password" = data.vault_kv_secret.warehouse.data["password"]
    "reporting-api-key"  = data.aws_secretsmanager_secret.api_key.secret_string
  }
  shared_keys = toset(["warehouse-username", "warehouse-password", "reporting-api-key"])
}

# --- Kubernetes consumers -----------------------------------------------------------------------

resource "kubernetes_namespace" "app" {
  for_each = var.namespaces

  metadata {
    name = each.key
  }
}

resource "kubernetes_secret" "shared" {
  for_each = var.namespaces

  metadata {
    name      = "shared-credentials"
    namespace = kubernetes_namespace.app[each.key].metadata[0].name
    annotations = {
      # Non-secret metadata is fine to record and show: which version the values came from.
      "example.lockstep.dev/source" = "vault:secret/shared/warehouse, aws:${var.api_key_id}"
    }
  }
  data = local.shared
}

# --- Databricks consumers -----------------------------------------------------------------------

resource "databricks_group" "readers" {
  display_name = "shared-secret-readers"
}

resource "databricks_secret_scope" "shared" {
  name = "shared"
}

resource "databricks_secret" "shared" {
  for_each = local.shared_keys

  scope        = databricks_secret_scope.shared.name
  key          = each.key
  string_value = local.shared[each.key]
}

resource "databricks_secret_acl" "readers" {
  scope      = databricks_secret_scope.shared.name
  principal  = databricks_group.readers.display_name
  permission = "READ"
}

# --- A rotated token ----------------------------------------------------------------------------

# Replaced (create first, then delete) once it is older than rotate_after. Its value exists only
# in the answer to the create request: lockstep hands it to its consumers in the same apply and
# never stores it.
resource "databricks_token" "ci" {
  comment          = "ci: triggers the nightly jobs"
  lifetime_seconds = 90 * 24 * 3600
  rotate_after     = var.token_rotation
}

resource "kubernetes_secret" "ci_token" {
  metadata {
    name      = "databricks-ci-token"
    namespace = kubernetes_namespace.app["ingest"].metadata[0].name
  }
  data = {
    DATABRICKS_TOKEN = databricks_token.ci.token_value
  }
}

# --- Outputs ------------------------------------------------------------------------------------

# Metadata of the sources is not sensitive: versions and dates explain a change in a plan.
output "sources" {
  value = {
    warehouse_written = data.vault_kv_secret.warehouse.created_time
    api_key_version   = data.aws_secretsmanager_secret.api_key.version_id
  }
}

output "kubernetes_secrets" {
  value = [for s in kubernetes_secret.shared : "${s.metadata[0].namespace}/${s.metadata[0].name}"]
}
