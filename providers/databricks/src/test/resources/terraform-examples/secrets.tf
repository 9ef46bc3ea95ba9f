resource "databricks_secret_scope" "this" {
  name = "terraform-demo-scope"
}

resource "databricks_group" "ds" {
  display_name = "data-scientists"
}

resource "databricks_secret_scope" "app" {
    name = "Application Secret Scope"
}

resource "databricks_secret_acl" "my_secret_acl" {
    principal = databricks_group.ds.display_name
    permission = "READ"
    scope = databricks_secret_scope.app.name
}

# lockstep: data.azurerm_key_vault_secret.example.value is a sensitive variable
variable "publishing_api_key" {
  sensitive = true
}

resource "databricks_secret" "publishing_api" {
    key = "publishing_api"
    // replace it with secret management solution of your choice :-)
    string_value = var.publishing_api_key
    scope = databricks_secret_scope.app.name
}

# lockstep: the example's workspace-creating provider alias (databricks_mws_workspaces, basic_auth) is left out
// create PAT token to provision entities within workspace
resource "databricks_token" "pat" {
  comment  = "Terraform Provisioning"
  // 100 day token
  lifetime_seconds = 8640000
}

// output token for other modules
output "databricks_token" {
  value     = databricks_token.pat.token_value
  sensitive = true
}
