# A Databricks workspace shared by several teams: groups and their members, a cluster policy that
# caps cost, an instance pool, one shared cluster per team, pipeline notebooks loaded from files,
# a multi-task job owned by a CI service principal, and the ACLs that tie it together.
#
#   ./lockstep -C examples/databricks-workspace --sandbox plan
#   ./lockstep -C examples/databricks-workspace --sandbox apply --auto-approve

provider "databricks" {
  # Requests per second sent to the workspace (all threads together); 15 is the default.
  rate_limit = 15
}

variable "teams" {
  description = "Teams by key: the workspace group's name, its members, and how far its cluster may scale."
  type = map(object({
    group       = string
    members     = list(string)
    max_workers = optional(number, 4)
  }))
  default = {
    bi = {
      group   = "bi-analysts"
      members = ["ana@example.com", "bo@example.com"]
    }
    ml = {
      group       = "ml-engineers"
      members     = ["mei@example.com", "bo@example.com"]
      max_workers = 8
    }
  }
}

variable "pipeline_schedule" {
  description = "Quartz cron expression of the nightly pipeline (UTC)."
  type        = string
  default     = "0 0 3 * * ?"
}

locals {
  # Everyone who is a member of some team, once: toset() removes the duplicates.
  all_members = toset(flatten([for t in var.teams : t.members]))

  # (team, member) pairs keyed "team/email" for the memberships.
  memberships = merge([
    for key, t in var.teams : { for m in t.members : "${key}/${m}" => { team = key, user = m } }
  ]...)

  # The pipeline's notebooks: every *.py file in pipelines/, keyed by its name without extension.
  # fileset() lists files relative to the configuration directory; trimsuffix() drops ".py".
  notebooks = { for f in fileset(path.module, "pipelines/*.py") : trimsuffix(basename(f), ".py") => f }
}

data "databricks_spark_version" "lts" {
  long_term_support = true
}

data "databricks_node_type" "small" {
  local_disk = true
}

# --- Identities ---------------------------------------------------------------------------------

resource "databricks_group" "team" {
  for_each = var.teams

  display_name         = each.value.group
  allow_cluster_create = false
}

resource "databricks_user" "member" {
  for_each = local.all_members

  user_name = each.value
}

resource "databricks_group_member" "team" {
  for_each = local.memberships

  group_id  = databricks_group.team[each.value.team].id
  member_id = databricks_user.member[each.value.user].id
}

# The identity CI runs pipelines as; it owns the job below.
resource "databricks_service_principal" "ci" {
  display_name = "pipelines-ci"
}

# --- Compute ------------------------------------------------------------------------------------

# Clusters created under this policy always stop after 30 idle minutes and stay small.
resource "databricks_cluster_policy" "team" {
  name = "team clusters"
  definition = jsonencode({
    autotermination_minutes   = { type = "fixed", value = 30 }
    "autoscale.max_workers"   = { type = "range", maxValue = 8 }
    "custom_tags.cost_center" = { type = "fixed", value = "analytics" }
  })
}

resource "databricks_instance_pool" "shared" {
  instance_pool_name                    = "shared-small"
  node_type_id                          = data.databricks_node_type.small.id
  min_idle_instances                    = 0
  max_capacity                          = 20
  idle_instance_autotermination_minutes = 15
}

resource "databricks_cluster" "team" {
  for_each = var.teams

  cluster_name            = "${each.key}-shared"
  spark_version           = data.databricks_spark_version.lts.id
  instance_pool_id        = databricks_instance_pool.shared.id
  policy_id               = databricks_cluster_policy.team.id
  autotermination_minutes = 30
  custom_tags = {
    cost_center = "analytics"
    team        = each.key
  }
  autoscale {
    min_workers = 1
    max_workers = each.value.max_workers
  }
}

# --- Pipeline -----------------------------------------------------------------------------------

resource "databricks_directory" "pipelines" {
  path = "/Shared/pipelines"
}

resource "databricks_notebook" "pipeline" {
  for_each = local.notebooks

  path   = "${databricks_directory.pipelines.path}/${each.key}"
  source = each.value
}

resource "databricks_job" "nightly" {
  name = "nightly-pipeline"

  # A cluster that exists only while the job runs, shared by its tasks.
  job_cluster {
    job_cluster_key = "etl"
    new_cluster {
      spark_version    = data.databricks_spark_version.lts.id
      instance_pool_id = databricks_instance_pool.shared.id
      num_workers      = 2
    }
  }

  task {
    task_key        = "extract"
    job_cluster_key = "etl"
    notebook_task {
      notebook_path = databricks_notebook.pipeline["extract"].path
    }
  }

  task {
    task_key        = "transform"
    job_cluster_key = "etl"
    depends_on {
      task_key = "extract"
    }
    notebook_task {
      notebook_path = databricks_notebook.pipeline["transform"].path
    }
  }

  schedule {
    quartz_cron_expression = var.pipeline_schedule
    timezone_id            = "UTC"
  }

  email_notifications {
    on_failure = ["data-oncall@example.com"]
  }
}

# --- Access -------------------------------------------------------------------------------------

# Each team may restart its own cluster; nobody else is on its ACL (authoritative, the default).
resource "databricks_permissions" "cluster" {
  for_each = var.teams

  cluster_id = databricks_cluster.team[each.key].id
  access_control {
    group_name       = databricks_group.team[each.key].display_name
    permission_level = "CAN_RESTART"
  }
}

# Every team may create clusters under the policy. A dynamic block writes one access_control
# block per team.
resource "databricks_permissions" "policy" {
  cluster_policy_id = databricks_cluster_policy.team.id
  dynamic "access_control" {
    for_each = databricks_group.team
    content {
      group_name       = access_control.value.display_name
      permission_level = "CAN_USE"
    }
  }
}

resource "databricks_permissions" "pool" {
  instance_pool_id = databricks_instance_pool.shared.id
  dynamic "access_control" {
    for_each = databricks_group.team
    content {
      group_name       = access_control.value.display_name
      permission_level = "CAN_ATTACH_TO"
    }
  }
}

# The job belongs to the CI service principal; the teams may run it and see its runs.
resource "databricks_permissions" "job" {
  job_id = databricks_job.nightly.id
  access_control {
    service_principal_name = databricks_service_principal.ci.application_id
    permission_level       = "IS_OWNER"
  }
  dynamic "access_control" {
    for_each = databricks_group.team
    content {
      group_name       = access_control.value.display_name
      permission_level = "CAN_MANAGE_RUN"
    }
  }
}

# additive: lockstep adds its entries to the folder's ACL and leaves entries others made alone,
# for a folder that people outside this configuration also share.
resource "databricks_permissions" "pipelines_folder" {
  directory_path = databricks_directory.pipelines.path
  mode           = "additive"
  dynamic "access_control" {
    for_each = databricks_group.team
    content {
      group_name       = access_control.value.display_name
      permission_level = "CAN_READ"
    }
  }
}

# --- Outputs ------------------------------------------------------------------------------------

output "clusters" {
  value = { for k, c in databricks_cluster.team : k => c.id }
}

output "job_url" {
  value = databricks_job.nightly.url
}

output "members" {
  value = sort(tolist(local.all_members))
}
