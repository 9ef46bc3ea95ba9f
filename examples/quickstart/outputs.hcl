# Outputs are printed after apply and kept in the state: `lockstep output`, `lockstep output -json`.

output "namespace" {
  value = kubernetes_namespace.team.metadata[0].name
}

output "portal_url" {
  value = "https://${var.ingress_host}/"
}

# A for expression builds a map from the for_each instances: { dns = "allow-egress-dns", ... }.
output "egress_policies" {
  value = { for key, policy in kubernetes_network_policy.egress : key => policy.metadata[0].name }
}

output "cluster_id" {
  value = databricks_cluster.team.id
}

output "job_url" {
  value = databricks_job.ingest.url
}

# The Vault version the secrets were copied from: metadata, not secret, so it can be shown.
output "db_secret_version" {
  value = data.vault_kv_secret.db.version
}

# Anything computed from a sensitive value is sensitive too, and an output holding one must say
# so with `sensitive = true` (lockstep refuses otherwise). It is printed as <sensitive>, never
# stored, and computed again on request: `lockstep --sandbox output --raw db_password_fingerprint`.
# A fingerprint lets two teams check they hold the same password without showing it.
output "db_password_fingerprint" {
  value     = sha256(data.vault_kv_secret.db.data["password"])
  sensitive = true
}
