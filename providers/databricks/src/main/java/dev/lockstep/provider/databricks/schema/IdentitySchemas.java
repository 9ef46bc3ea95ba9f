package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.BOOL;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.comp;
import static dev.lockstep.provider.databricks.schema.S.opt;
import static dev.lockstep.provider.databricks.schema.S.optc;
import static dev.lockstep.provider.databricks.schema.S.req;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.ResourceSchema;
import java.util.List;

/** Schemas of the SCIM types: {@code databricks_group}, {@code databricks_group_member}, users and service principals. */
public final class IdentitySchemas {

    private IdentitySchemas() {
    }

    /** Workspace entitlements as boolean attributes. */
    public static final List<String> ENTITLEMENTS = List.of("allow_cluster_create", "allow_instance_pool_create",
            "databricks_sql_access", "workspace_access", "workspace_consume");

    static List<AttributeSchema> entitlements() {
        return List.of(
                opt("allow_cluster_create", BOOL, "Entitlement to create clusters."),
                opt("allow_instance_pool_create", BOOL, "Entitlement to create instance pools."),
                opt("databricks_sql_access", BOOL, "Entitlement to use Databricks SQL."),
                opt("workspace_access", BOOL, "Entitlement to use the workspace UI."),
                opt("workspace_consume", BOOL, "Entitlement to use the workspace as a consumer."));
    }

    public static final ResourceSchema GROUP = new ResourceSchema("databricks_group", 0, block(
            comp("id", STR, "SCIM id."),
            req("display_name", STR, "Group name."),
            opt("external_id", STR, "Id in the identity provider.").asForceNew(),
            entitlements(),
            opt("force", BOOL, "Adopt an existing group of the same name."),
            comp("url", STR, "SCIM URL of the group."),
            comp("acl_principal_id", STR, "groups/<display_name>.")),
            "A workspace group.");

    public static final ResourceSchema GROUP_MEMBER = new ResourceSchema("databricks_group_member", 0, block(
            comp("id", STR, "<group_id>|<member_id>."),
            req("group_id", STR, "SCIM id of the group.").asForceNew(),
            req("member_id", STR, "SCIM id of the user, service principal or group.").asForceNew()),
            "A member of a group.");

    private static List<Object> principalCommon() {
        return List.of(
                comp("id", STR, "SCIM id."),
                opt("external_id", STR, "Id in the identity provider."),
                optc("active", BOOL, "Whether the principal is active."),
                entitlements(),
                opt("force", BOOL, "Adopt an existing principal of the same name."),
                comp("home", STR, "Home directory."),
                comp("repos", STR, "Repos directory."),
                comp("acl_principal_id", STR, "users/<name> or servicePrincipals/<application_id>."),
                opt("disable_as_user_deletion", BOOL, "Deactivate instead of deleting on destroy."),
                opt("force_delete_repos", BOOL, "Delete the repos directory on destroy."),
                opt("force_delete_home_dir", BOOL, "Delete the home directory on destroy."));
    }

    public static final ResourceSchema USER = new ResourceSchema("databricks_user", 0, block(
            req("user_name", STR, "Email of the user.").asForceNew(),
            optc("display_name", STR, "Display name."),
            principalCommon()),
            "A workspace user.");

    public static final ResourceSchema SERVICE_PRINCIPAL = new ResourceSchema("databricks_service_principal", 0, block(
            optc("application_id", STR, "Application id (generated when unset).").asForceNew(),
            optc("display_name", STR, "Display name."),
            principalCommon()),
            "A service principal.");
}
