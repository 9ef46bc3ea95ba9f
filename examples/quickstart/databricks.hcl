# The team's Databricks workspace objects. Names and blocks are those of Terraform's Databricks
# provider.

# Data sources ask the workspace: the newest long-term-support runtime, and the smallest node type
# with a local disk. Their results are known at plan time, so the plan shows the real ids.
data "databricks_spark_version" "lts" {
  long_term_support = true
}

data "databricks_node_type" "smallest" {
  local_disk = true
}

# The same group name as in the RoleBinding: one group, access in both systems.
resource "databricks_group" "team" {
  display_name = var.group
}

resource "databricks_cluster" "team" {
  cluster_name            = "${var.team}-shared"
  spark_version           = data.databricks_spark_version.lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = var.autotermination_minutes
  custom_tags             = local.tags

  autoscale {
    min_workers = 1
    max_workers = 3
  }
}

resource "databricks_directory" "team" {
  path = "/Shared/${var.team}"
}

# The notebook's source is a file next to this configuration; its language comes from the
# extension. Editing the file changes the notebook at the next apply.
resource "databricks_notebook" "ingest" {
  path   = "${databricks_directory.team.path}/ingest"
  source = "notebooks/ingest.py"
}

resource "databricks_job" "ingest" {
  name = "${var.team}-nightly-ingest"

  task {
    task_key            = "ingest"
    existing_cluster_id = databricks_cluster.team.id
    notebook_task {
      notebook_path = databricks_notebook.ingest.path
      base_parameters = {
        secret_scope = databricks_secret_scope.team.name
      }
    }
  }

  schedule {
    quartz_cron_expression = "0 30 2 * * ?"
    timezone_id            = "UTC"
  }

  tags = local.tags
}

# Access control lists. By default a databricks_permissions block is authoritative: the object's
# ACL becomes exactly these entries, and a grant someone adds by hand is drift that the next apply
# revokes (the plan names each revocation).
resource "databricks_permissions" "cluster" {
  cluster_id = databricks_cluster.team.id
  access_control {
    group_name       = databricks_group.team.display_name
    permission_level = "CAN_RESTART"
  }
}

resource "databricks_permissions" "job" {
  job_id = databricks_job.ingest.id
  access_control {
    group_name       = databricks_group.team.display_name
    permission_level = "CAN_MANAGE_RUN"
  }
}

resource "databricks_permissions" "notebooks" {
  directory_path = databricks_directory.team.path
  access_control {
    group_name       = databricks_group.team.display_name
    permission_level = "CAN_EDIT"
  }
}

# A secret scope holding the same Vault secret as the Kubernetes Secret, readable by the group.
resource "databricks_secret_scope" "team" {
  name = var.team
}

resource "databricks_secret" "db_password" {
  scope        = databricks_secret_scope.team.name
  key          = "db-password"
  string_value = data.vault_kv_secret.db.data["password"]
}

resource "databricks_secret_acl" "team" {
  scope      = databricks_secret_scope.team.name
  principal  = databricks_group.team.display_name
  permission = "READ"
}
