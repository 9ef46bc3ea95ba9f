data "databricks_node_type" "smallest" {
}

resource "databricks_instance_pool" "smallest_nodes" {
  instance_pool_name = "Smallest Nodes"
  min_idle_instances = 0
  max_capacity       = 300
  node_type_id       = data.databricks_node_type.smallest.id
  aws_attributes {
    availability           = "ON_DEMAND"
    zone_id                = "us-east-1a"
    spot_bid_price_percent = "100"
  }
  idle_instance_autotermination_minutes = 10
  disk_spec {
    disk_type {
      ebs_volume_type = "GENERAL_PURPOSE_SSD"
    }
    disk_size  = 80
    disk_count = 1
  }
}

# lockstep: the docker_registry_image and azurerm_container_registry references are variables
variable "image" {}
variable "registry_user" {}
variable "registry_password" {
  sensitive = true
}

resource "databricks_instance_pool" "this" {
  instance_pool_name                    = "docker"
  idle_instance_autotermination_minutes = 10
  node_type_id                          = data.databricks_node_type.smallest.id
  preloaded_docker_image {
    url = var.image
    basic_auth {
      # Best is to store them in a secret scope
      username = var.registry_user
      password = var.registry_password
    }
  }
}
