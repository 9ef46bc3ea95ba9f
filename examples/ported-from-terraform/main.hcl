# The reporting team's configuration, ported from terraform/main.tf. Lines marked "ported:" are
# the only changes; everything else is the Terraform original, unchanged. README.md lists what
# porting took and why.

# ported: the terraform block (required_providers, backend "s3") became a lockstep block. Providers
# are built into lockstep, so there is nothing to require, and state lives in the local backend
# (.lockstep/ beside this file) until a shared backend is available. lockstep would accept the
# terraform block, with a warning that it ignores it.
lockstep {
  backend "local" {
    snapshots = 50 # state versions kept in .lockstep/snapshots/
  }
}

provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "prod-eu"
}

provider "databricks" {
  host = var.databricks_host
}

provider "vault" {}

variable "databricks_host" {
  type = string
}

variable "team" {
  type    = string
  default = "reporting"
}

variable "analysts" {
  type    = list(string)
  default = ["reporting-analysts", "finance-analysts"]
}

# ported: Terraform's vault_kv_secret_v2 (mount + name) is lockstep's vault_kv_secret (mount + path).
# `data` is the same map of sensitive strings.
data "vault_kv_secret" "db" {
  mount = "secret"
  path  = "reporting/db"
}

resource "kubernetes_namespace_v1" "team" {
  metadata {
    name = var.team
  }
}

resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "db"
    namespace = kubernetes_namespace_v1.team.metadata[0].name
  }
  data = {
    password = data.vault_kv_secret.db.data["password"] # ported: the data source's new name
  }
}

resource "kubernetes_role_binding_v1" "analysts" {
  count = length(var.analysts)

  metadata {
    name      = "analysts-${count.index}"
    namespace = kubernetes_namespace_v1.team.metadata[0].name
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind = "Group"
    name = var.analysts[count.index]
  }
}

data "databricks_spark_version" "lts" {
  long_term_support = true
}

data "databricks_node_type" "smallest" {
  local_disk = true
}

resource "databricks_cluster" "team" {
  cluster_name            = var.team
  spark_version           = data.databricks_spark_version.lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  num_workers             = 2

  # ported: lockstep's databricks_cluster has no library blocks (the Libraries API is separate
  # from the Clusters API). great-expectations==0.18.8 is now installed by the team's notebooks
  # (%pip install); a job can also declare it in its task's library block.
}

resource "databricks_group" "analysts" {
  count        = length(var.analysts)
  display_name = var.analysts[count.index]
}

resource "databricks_permissions" "cluster" {
  cluster_id = databricks_cluster.team.id

  dynamic "access_control" {
    for_each = databricks_group.analysts[*].display_name
    content {
      group_name       = access_control.value
      permission_level = "CAN_ATTACH_TO"
    }
  }
}

resource "databricks_secret_scope" "team" {
  name = var.team
}

resource "databricks_secret" "db" {
  scope        = databricks_secret_scope.team.name
  key          = "db-password"
  string_value = data.vault_kv_secret.db.data["password"] # ported: the data source's new name
}

output "cluster_id" {
  value = databricks_cluster.team.id
}
