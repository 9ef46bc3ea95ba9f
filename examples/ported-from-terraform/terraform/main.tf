# The original: a Terraform configuration for the reporting team (Terraform 1.x with the
# hashicorp/kubernetes, databricks/databricks and hashicorp/vault providers). Kept as it was,
# for comparison with ../main.hcl; lockstep does not read this directory.

terraform {
  required_providers {
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.31"
    }
    databricks = {
      source  = "databricks/databricks"
      version = "~> 1.50"
    }
    vault = {
      source  = "hashicorp/vault"
      version = "~> 4.4"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "reporting/terraform.tfstate"
    region = "eu-west-1"
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

data "vault_kv_secret_v2" "db" {
  mount = "secret"
  name  = "reporting/db"
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
    password = data.vault_kv_secret_v2.db.data["password"]
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

  library {
    pypi {
      package = "great-expectations==0.18.8"
    }
  }
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
  string_value = data.vault_kv_secret_v2.db.data["password"]
}

output "cluster_id" {
  value = databricks_cluster.team.id
}
