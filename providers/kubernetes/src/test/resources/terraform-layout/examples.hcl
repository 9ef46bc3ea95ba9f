# One block per supported type, each laid out as the Terraform Kubernetes provider's documented
# example for that type (same blocks, attributes, nesting, functions and reference styles), with
# lockstep's own names and values. ExamplesTest decodes every block against the provider schema and
# applies those whose values are all known.

# docs: kubernetes_namespace
resource "kubernetes_namespace" "docs" {
  metadata {
    annotations = {
      name = "docs-annotation"
    }

    labels = {
      mylabel = "docs-value"
    }

    name = "docs-namespace"
  }
}

# docs: kubernetes_service_account (with a token secret)
resource "kubernetes_service_account" "docs" {
  metadata {
    name = "docs-sa"
  }
}

resource "kubernetes_secret" "docs_token" {
  metadata {
    annotations = {
      "kubernetes.io/service-account.name" = kubernetes_service_account.docs.metadata.0.name
    }

    generate_name = "docs-sa-"
  }

  type                           = "kubernetes.io/service-account-token"
  wait_for_service_account_token = true
}

# docs: kubernetes_role
resource "kubernetes_role" "docs" {
  metadata {
    name = "docs-role"
    labels = {
      test = "DocsRole"
    }
  }

  rule {
    api_groups     = [""]
    resources      = ["pods"]
    resource_names = ["web"]
    verbs          = ["get", "list", "watch"]
  }
  rule {
    api_groups = ["apps"]
    resources  = ["deployments"]
    verbs      = ["get", "list"]
  }
}

# docs: kubernetes_cluster_role
resource "kubernetes_cluster_role" "docs" {
  metadata {
    name = "docs-cluster-role"
  }

  rule {
    api_groups = [""]
    resources  = ["namespaces", "pods"]
    verbs      = ["get", "list", "watch"]
  }
}

# docs: kubernetes_cluster_role (aggregation rule)
resource "kubernetes_cluster_role_v1" "docs_aggregated" {
  metadata {
    name = "docs-aggregated"
  }

  aggregation_rule {
    cluster_role_selectors {
      match_labels = {
        team = "docs"
      }

      match_expressions {
        key      = "environment"
        operator = "In"
        values   = ["none-such-9"]
      }
    }
  }
}

# docs: kubernetes_role_binding
resource "kubernetes_role_binding" "docs" {
  metadata {
    name      = "docs-binding"
    namespace = "default"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "admin"
  }
  subject {
    kind      = "User"
    name      = "admin"
    api_group = "rbac.authorization.k8s.io"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "kube-system"
  }
  subject {
    kind      = "Group"
    name      = "docs:masters"
    api_group = "rbac.authorization.k8s.io"
  }
}

# docs: kubernetes_cluster_role_binding
resource "kubernetes_cluster_role_binding" "docs" {
  metadata {
    name = "docs-cluster-binding"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "User"
    name      = "admin"
    api_group = "rbac.authorization.k8s.io"
  }
  subject {
    kind      = "ServiceAccount"
    name      = "default"
    namespace = "kube-system"
  }
  subject {
    kind      = "Group"
    name      = "docs:masters"
    api_group = "rbac.authorization.k8s.io"
  }
}

# docs: kubernetes_network_policy
resource "kubernetes_network_policy" "docs" {
  metadata {
    name      = "docs-network-policy"
    namespace = "default"
  }

  spec {
    pod_selector {
      match_expressions {
        key      = "name"
        operator = "In"
        values   = ["frontend", "api"]
      }
    }

    ingress {
      ports {
        port     = "http"
        protocol = "TCP"
      }
      ports {
        port     = "8125"
        protocol = "UDP"
      }

      from {
        namespace_selector {
          match_labels = {
            name = "default"
          }
        }
      }

      from {
        ip_block {
          cidr = "10.0.0.0/8"
          except = [
            "10.0.0.0/24",
            "10.0.1.0/24",
          ]
        }
      }
    }

    egress {} # single empty rule to allow all egress traffic

    policy_types = ["Ingress", "Egress"]
  }
}

# docs: kubernetes_ingress_v1
resource "kubernetes_ingress_v1" "docs" {
  metadata {
    name = "docs-ingress"
  }

  spec {
    default_backend {
      service {
        name = "docs-app-1"
        port {
          number = 8080
        }
      }
    }

    rule {
      http {
        path {
          backend {
            service {
              name = "docs-app-1"
              port {
                number = 8080
              }
            }
          }

          path = "/app1/*"
        }

        path {
          backend {
            service {
              name = "docs-app-2"
              port {
                number = 8080
              }
            }
          }

          path = "/app2/*"
        }
      }
    }

    tls {
      secret_name = "docs-tls"
    }
  }
}

# docs: kubernetes_ingress_v1 (ingress controller, load balancer wait, status output)
resource "kubernetes_ingress_v1" "docs_nginx" {
  wait_for_load_balancer = true
  metadata {
    name = "docs-nginx"
  }
  spec {
    ingress_class_name = "nginx"
    rule {
      http {
        path {
          path = "/*"
          backend {
            service {
              name = kubernetes_service_v1.docs.metadata.0.name
              port {
                number = 80
              }
            }
          }
        }
      }
    }
  }
}

output "docs_load_balancer_hostname" {
  value = kubernetes_ingress_v1.docs_nginx.status.0.load_balancer.0.ingress.0.hostname
}

# docs: kubernetes_secret
resource "kubernetes_secret" "docs" {
  metadata {
    name = "docs-basic-auth"
  }

  data = {
    username = "docs-admin"
    password = "d0cs-Passw0rd"
  }

  type = "kubernetes.io/basic-auth"
}

# docs: kubernetes_secret (docker config file)
resource "kubernetes_secret" "docs_docker_file" {
  metadata {
    name = "docs-docker-cfg"
  }

  data = {
    ".dockerconfigjson" = "${file("${path.module}/.docker/config.json")}"
  }

  type = "kubernetes.io/dockerconfigjson"
}

# docs: kubernetes_secret (docker user name and password)
resource "kubernetes_secret" "docs_docker_login" {
  metadata {
    name = "docs-docker-login"
  }

  type = "kubernetes.io/dockerconfigjson"

  data = {
    ".dockerconfigjson" = jsonencode({
      auths = {
        "${var.registry_server}" = {
          "username" = var.registry_username
          "password" = var.registry_password
          "email"    = var.registry_email
          "auth"     = base64encode("${var.registry_username}:${var.registry_password}")
        }
      }
    })
  }
}

# docs: kubernetes_config_map
resource "kubernetes_config_map" "docs" {
  metadata {
    name = "docs-config"
  }

  data = {
    api_host             = "docs-host:443"
    db_host              = "docs-db:5432"
    "my_config_file.yml" = "${file("${path.module}/my_config_file.yml")}"
  }

  binary_data = {
    "my_payload.bin" = "${filebase64("${path.module}/my_payload.bin")}"
  }
}

# docs: kubernetes_resource_quota
resource "kubernetes_resource_quota" "docs" {
  metadata {
    name = "docs-quota"
  }
  spec {
    hard = {
      pods = 10
    }
    scopes = ["BestEffort"]
  }
}

# docs: kubernetes_limit_range
resource "kubernetes_limit_range" "docs" {
  metadata {
    name = "docs-limits"
  }
  spec {
    limit {
      type = "Pod"
      max = {
        cpu    = "200m"
        memory = "1024Mi"
      }
    }
    limit {
      type = "PersistentVolumeClaim"
      min = {
        storage = "24M"
      }
    }
    limit {
      type = "Container"
      default = {
        cpu    = "50m"
        memory = "24Mi"
      }
    }
  }
}

# docs: kubernetes_manifest (config map)
resource "kubernetes_manifest" "docs_configmap" {
  manifest = {
    "apiVersion" = "v1"
    "kind"       = "ConfigMap"
    "metadata" = {
      "name"      = "docs-manifest-config"
      "namespace" = "default"
    }
    "data" = {
      "foo" = "bar"
    }
  }
}

# docs: kubernetes_manifest (custom resource definition)
resource "kubernetes_manifest" "docs_crd" {
  manifest = {
    apiVersion = "apiextensions.k8s.io/v1"
    kind       = "CustomResourceDefinition"

    metadata = {
      name = "docscrds.lockstep.dev"
    }

    spec = {
      group = "lockstep.dev"

      names = {
        kind   = "DocsCrd"
        plural = "docscrds"
      }

      scope = "Namespaced"

      versions = [{
        name    = "v1"
        served  = true
        storage = true
        schema = {
          openAPIV3Schema = {
            type = "object"
            properties = {
              data = {
                type = "string"
              }
              refs = {
                type = "number"
              }
            }
          }
        }
      }]
    }
  }
}

# docs: kubernetes_manifest (wait, timeouts, field manager, computed fields)
resource "kubernetes_manifest" "docs_wait" {
  manifest = {
    apiVersion = "v1"
    kind       = "ConfigMap"
    metadata   = { name = "docs-wait", namespace = "default" }
  }

  wait {
    fields = {
      "status.phase"                      = "Running"
      "status.containerStatuses[0].ready" = "true",
      "status.loadBalancer.ingress[0].ip" = "^(\\d+(\\.|$)){4}"
    }
    condition {
      type   = "ContainersReady"
      status = "True"
    }
    rollout = true
  }

  field_manager {
    name            = "docsteam"
    force_conflicts = true
  }

  computed_fields = ["metadata.labels"]

  timeouts {
    create = "10m"
    update = "10m"
    delete = "30s"
  }
}

# docs: data kubernetes_namespace
data "kubernetes_namespace" "docs" {
  metadata {
    name = "kube-system"
  }
}

# docs: data kubernetes_secret (with binary_data keys)
data "kubernetes_secret" "docs" {
  metadata {
    name      = "docs-secret"
    namespace = "kube-system"
  }
  binary_data = {
    "keystore.p12" = ""
    another_field  = ""
  }
}

# docs: data kubernetes_service_account
data "kubernetes_service_account" "docs" {
  metadata {
    name = "docs-sa"
  }
}

data "kubernetes_secret" "docs_sa_token" {
  metadata {
    name = "${data.kubernetes_service_account.docs.default_secret_name}"
  }
}

# docs: provider configuration (kubeconfig and context)
provider "kubernetes" {
  config_path    = "~/.kube/config"
  config_context = "docs-context"
}

# docs: provider configuration (host, certificates, exec credential plugin)
provider "kubernetes" {
  alias                  = "exec"
  host                   = var.cluster_endpoint
  cluster_ca_certificate = base64decode(var.cluster_ca_cert)
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", var.cluster_name]
    command     = "aws"
  }
}
