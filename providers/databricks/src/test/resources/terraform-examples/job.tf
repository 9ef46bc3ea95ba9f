data "databricks_spark_version" "latest" {}
data "databricks_node_type" "smallest" {
  local_disk = true
}
data "databricks_current_user" "me" {}

resource "databricks_cluster" "shared" {
  spark_version = data.databricks_spark_version.latest.id
  node_type_id  = data.databricks_node_type.smallest.id
  num_workers   = 1
}

resource "databricks_notebook" "this" {
  path     = "${data.databricks_current_user.me.home}/Terraform"
  language = "PYTHON"
  # lockstep: the page writes ${abspath(path.module)}; lockstep's library has no abspath yet
  content_base64 = base64encode(<<-EOT
    # created from ${path.module}
    display(spark.range(10))
    EOT
  )
}

resource "databricks_job" "this" {
  name = "Job with multiple tasks"

  job_cluster {
    job_cluster_key = "j"
    new_cluster {
      num_workers   = 2
      spark_version = data.databricks_spark_version.latest.id
      node_type_id  = data.databricks_node_type.smallest.id
    }
  }

  task {
    task_key = "a"

    new_cluster {
      num_workers   = 1
      spark_version = data.databricks_spark_version.latest.id
      node_type_id  = data.databricks_node_type.smallest.id
    }

    notebook_task {
      notebook_path = databricks_notebook.this.path
    }
  }

  task {
    task_key = "b"
    //this task will only run after task a
    depends_on {
      task_key = "a"
    }

    existing_cluster_id = databricks_cluster.shared.id

    spark_jar_task {
      main_class_name = "com.acme.data.Main"
    }
  }

  task {
    task_key = "c"

    job_cluster_key = "j"

    notebook_task {
      notebook_path = databricks_notebook.this.path
    }
  }
  //this task starts a Delta Live Tables pipline update
  task {
    task_key = "d"

    pipeline_task {
      # lockstep: databricks_pipeline is not supported; its id is a literal
      pipeline_id = "0a1b2c3d-pipeline"
    }
  }

  tags = {
    environment = "dev"
    owner       = "dream-team"
  }

  run_as {
    service_principal_name = "8d23ae77-912e-4a19-81e4-b9c3f5cc9349"
  }
}

resource "databricks_job" "legacy" {
  name = "Terraform Demo (${data.databricks_current_user.me.alphanumeric})"

  new_cluster {
    num_workers   = 1
    spark_version = data.databricks_spark_version.latest.id
    node_type_id  = data.databricks_node_type.smallest.id
  }

  notebook_task {
    notebook_path = databricks_notebook.this.path
  }
}

output "notebook_url" {
  value = databricks_notebook.this.url
}

output "job_url" {
  value = databricks_job.legacy.url
}

resource "databricks_job" "notifications" {
  name = "notifications"
  webhook_notifications {
    on_failure {
      id = "fb99f3dc-a0a0-11ed-a8fc-0242ac120002"
    }
  }
  task {
    task_key = "a"
    existing_cluster_id = databricks_cluster.shared.id
    notebook_task {
      notebook_path = databricks_notebook.this.path
    }
  }
}
