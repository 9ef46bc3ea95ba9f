# Every resource type and data source of the databricks provider, as a team would write them.

provider "databricks" {
  # host and token come from the sandbox; the default 15 requests/s would make this test slow
  rate_limit = 200
}

variable "api_key" {
  type      = string
  sensitive = true
  default   = "s3cr3t-api-key"
}

data "databricks_current_user" "me" {}

data "databricks_spark_version" "lts" {
  long_term_support = true
}

data "databricks_node_type" "smallest" {
  local_disk = true
}

data "databricks_group" "users" {
  display_name = "users"
}

resource "databricks_group" "eng" {
  display_name         = "Engineering"
  allow_cluster_create = true
}

resource "databricks_user" "alice" {
  user_name    = "alice@example.com"
  display_name = "Alice"
}

resource "databricks_service_principal" "ci" {
  display_name = "ci"
}

resource "databricks_group_member" "alice_eng" {
  group_id  = databricks_group.eng.id
  member_id = databricks_user.alice.id
}

resource "databricks_cluster_policy" "fair" {
  name = "fair use"
  definition = jsonencode({
    autotermination_minutes = { type = "fixed", value = 20 }
  })
}

resource "databricks_instance_pool" "pool" {
  instance_pool_name                    = "reserved"
  min_idle_instances                    = 0
  max_capacity                          = 10
  node_type_id                          = data.databricks_node_type.smallest.id
  idle_instance_autotermination_minutes = 10
}

resource "databricks_cluster" "shared" {
  cluster_name            = "shared"
  spark_version           = data.databricks_spark_version.lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  autoscale {
    min_workers = 1
    max_workers = 4
  }
  custom_tags = {
    team = "data"
  }
}

resource "databricks_directory" "etl" {
  path = "/Production/ETL"
}

resource "databricks_notebook" "features" {
  path           = "${databricks_directory.etl.path}/Features"
  language       = "PYTHON"
  content_base64 = base64encode("# features\nprint(spark.range(10))\n")
}

resource "databricks_job" "etl" {
  name = "nightly etl (${data.databricks_current_user.me.alphanumeric})"
  task {
    task_key            = "features"
    existing_cluster_id = databricks_cluster.shared.id
    notebook_task {
      notebook_path = databricks_notebook.features.path
    }
  }
  schedule {
    quartz_cron_expression = "0 0 3 * * ?"
    timezone_id            = "UTC"
  }
  email_notifications {
    on_failure = ["oncall@example.com"]
  }
}

resource "databricks_permissions" "cluster" {
  cluster_id = databricks_cluster.shared.id
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_RESTART"
  }
}

resource "databricks_permissions" "job" {
  job_id = databricks_job.etl.id
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_MANAGE_RUN"
  }
  access_control {
    service_principal_name = databricks_service_principal.ci.application_id
    permission_level       = "IS_OWNER"
  }
}

resource "databricks_permissions" "notebook" {
  notebook_path = databricks_notebook.features.path
  access_control {
    group_name       = "users"
    permission_level = "CAN_READ"
  }
}

resource "databricks_permissions" "folder" {
  directory_path = databricks_directory.etl.path
  mode           = "additive"
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_EDIT"
  }
}

resource "databricks_permissions" "pool" {
  instance_pool_id = databricks_instance_pool.pool.id
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_ATTACH_TO"
  }
}

resource "databricks_permissions" "policy" {
  cluster_policy_id = databricks_cluster_policy.fair.id
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_USE"
  }
}

resource "databricks_permissions" "tokens" {
  authorization = "tokens"
  access_control {
    group_name       = databricks_group.eng.display_name
    permission_level = "CAN_USE"
  }
}

resource "databricks_secret_scope" "app" {
  name = "app"
}

resource "databricks_secret" "api" {
  scope        = databricks_secret_scope.app.name
  key          = "api"
  string_value = var.api_key
}

resource "databricks_secret_acl" "eng" {
  scope      = databricks_secret_scope.app.name
  principal  = databricks_group.eng.display_name
  permission = "READ"
}

resource "databricks_token" "ci" {
  comment          = "ci"
  lifetime_seconds = 3600
}

output "job_url" {
  value = databricks_job.etl.url
}

output "token" {
  value     = databricks_token.ci.token_value
  sensitive = true
}
