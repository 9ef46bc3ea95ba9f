data "databricks_node_type" "smallest" {
  local_disk = true
}

data "databricks_spark_version" "latest_lts" {
  long_term_support = true
}

resource "databricks_cluster" "shared_autoscaling" {
  cluster_name            = "Shared Autoscaling"
  spark_version           = data.databricks_spark_version.latest_lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  autoscale {
    min_workers = 1
    max_workers = 50
  }
  spark_conf = {
    "spark.databricks.io.cache.enabled" : true,
    "spark.databricks.io.cache.maxDiskUsage" : "50g",
    "spark.databricks.io.cache.maxMetaDataCache" : "1g"
  }
}

resource "databricks_cluster" "single_node" {
  cluster_name            = "Single Node"
  spark_version           = data.databricks_spark_version.latest_lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20

  spark_conf = {
    # Single-node
    "spark.databricks.cluster.profile" : "singleNode"
    "spark.master" : "local[*]"
  }

  custom_tags = {
    "ResourceClass" = "SingleNode"
  }
}

resource "databricks_cluster" "cluster_with_table_access_control" {
  cluster_name            = "Shared High-Concurrency"
  spark_version           = data.databricks_spark_version.latest_lts.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20

  spark_conf = {
    "spark.databricks.repl.allowedLanguages" : "python,sql",
    "spark.databricks.cluster.profile" : "serverless"
  }

  custom_tags = {
    "ResourceClass" = "Serverless"
  }
}

data "databricks_spark_version" "latest" {}

resource "databricks_cluster" "this" {
  cluster_name            = "Shared Autoscaling"
  spark_version           = data.databricks_spark_version.latest.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  autoscale {
    min_workers = 1
    max_workers = 50
  }
  aws_attributes {
    availability           = "SPOT"
    zone_id                = "us-east-1"
    first_on_demand        = 1
    spot_bid_price_percent = 100
  }

  cluster_log_conf {
    s3 {
      destination = "s3://acmecorp-main/cluster-logs"
      region      = "us-east-1"
    }
  }

  init_scripts {
    workspace {
      destination = "/Users/user@domain/install-elk.sh"
    }
  }

  init_scripts {
    volumes {
      destination = "/Volumes/Catalog/default/init-scripts/init-script.sh"
    }
  }

  init_scripts {
    dbfs {
      destination = "dbfs:/init-scripts/install-elk.sh"
    }
  }

  init_scripts {
    s3 {
      destination = "s3://acmecorp-main/init-scripts/install-elk.sh"
      region      = "us-east-1"
    }
  }

  init_scripts {
    gcs {
      destination = "gs://init-scripts/install-elk.sh"
    }
  }

  init_scripts {
    abfss {
      destination = "abfss://container@storage.dfs.core.windows.net/install-elk.sh"
    }
  }

  init_scripts {
    file {
      destination = "file:/my/local/file.sh"
    }
  }
}

resource "databricks_cluster" "azure" {
  cluster_name            = "Shared Autoscaling"
  spark_version           = data.databricks_spark_version.latest.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  autoscale {
    min_workers = 1
    max_workers = 50
  }
  azure_attributes {
    availability       = "SPOT_WITH_FALLBACK_AZURE"
    first_on_demand    = 1
    spot_bid_max_price = 100
  }
  cluster_log_conf {
    dbfs {
      destination = "dbfs:/cluster-logs"
    }
  }
}

resource "databricks_cluster" "gcp" {
  cluster_name            = "Shared Autoscaling"
  spark_version           = data.databricks_spark_version.latest.id
  node_type_id            = data.databricks_node_type.smallest.id
  autotermination_minutes = 20
  autoscale {
    min_workers = 1
    max_workers = 50
  }
  gcp_attributes {
    availability = "PREEMPTIBLE_WITH_FALLBACK_GCP"
    zone_id      = "AUTO"
  }
  cluster_log_conf {
    volumes {
      destination = "/Volumes/catalog/schema/cluster_logs_volume/"
    }
  }
}

# lockstep: the docker_registry_image and azurerm_container_registry references are variables
variable "image" {}
variable "registry_user" {}
variable "registry_password" {
  sensitive = true
}

resource "databricks_cluster" "docker" {
  spark_version = data.databricks_spark_version.latest.id
  node_type_id  = data.databricks_node_type.smallest.id
  docker_image {
    url = var.image
    basic_auth {
      username = var.registry_user
      password = var.registry_password
    }
  }
}
