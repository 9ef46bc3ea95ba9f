resource "databricks_group" "this" {
  display_name = "Some Group"
  allow_cluster_create = true
  allow_instance_pool_create = true
}

resource "databricks_user" "this" {
    user_name = "someone@example.com"
}

resource "databricks_group_member" "vip_member" {
    group_id = databricks_group.this.id
    member_id = databricks_user.this.id
}

resource "databricks_group" "a" {
  display_name = "A"
}

resource "databricks_group" "b" {
  display_name = "B"
}

resource "databricks_group_member" "ab" {
  group_id  = databricks_group.a.id
  member_id = databricks_group.b.id
}

resource "databricks_user" "bradley" {
  user_name = "bradley@example.com"
}

resource "databricks_group_member" "bb" {
  group_id  = databricks_group.b.id
  member_id = databricks_user.bradley.id
}

data "databricks_group" "admins" {
  display_name = "admins"
}

resource "databricks_user" "me" {
  user_name            = "me@example.com"
  display_name         = "Example user"
  allow_cluster_create = true
}

resource "databricks_group_member" "i-am-admin" {
  group_id  = data.databricks_group.admins.id
  member_id = databricks_user.me.id
}

resource "databricks_service_principal" "sp" {
  display_name = "Admin SP"
}

resource "databricks_group_member" "sp-is-admin" {
  group_id  = data.databricks_group.admins.id
  member_id = databricks_service_principal.sp.id
}

resource "databricks_service_principal" "azure" {
  application_id       = "00000000-0000-0000-0000-000000000000"
  display_name         = "Example service principal"
  allow_cluster_create = true
}
