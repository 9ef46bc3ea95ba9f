package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

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
                optional("allow_cluster_create", BOOL, "Entitlement to create clusters."),
                optional("allow_instance_pool_create", BOOL, "Entitlement to create instance pools."),
                optional("databricks_sql_access", BOOL, "Entitlement to use Databricks SQL."),
                optional("workspace_access", BOOL, "Entitlement to use the workspace UI."),
                optional("workspace_consume", BOOL, "Entitlement to use the workspace as a consumer."));
    }

    public static final ResourceSchema GROUP = new ResourceSchema("databricks_group", 0, block(
            computed("id", STRING, "SCIM id."),
            required("display_name", STRING, "Group name."),
            optional("external_id", STRING, "Id in the identity provider.").asForceNew(),
            entitlements(),
            optional("force", BOOL, "Adopt an existing group of the same name."),
            computed("url", STRING, "SCIM URL of the group."),
            computed("acl_principal_id", STRING, "groups/<display_name>.")),
            "A workspace group.");

    public static final ResourceSchema GROUP_MEMBER = new ResourceSchema("databricks_group_member", 0, block(
            computed("id", STRING, "<group_id>|<member_id>."),
            required("group_id", STRING, "SCIM id of the group.").asForceNew(),
            required("member_id", STRING, "SCIM id of the user, service principal or group.").asForceNew()),
            "A member of a group.");

    private static List<Object> principalCommon() {
        return List.of(
                computed("id", STRING, "SCIM id."),
                optional("external_id", STRING, "Id in the identity provider."),
                optionalComputed("active", BOOL, "Whether the principal is active."),
                entitlements(),
                optional("force", BOOL, "Adopt an existing principal of the same name."),
                computed("home", STRING, "Home directory."),
                computed("repos", STRING, "Repos directory."),
                computed("acl_principal_id", STRING, "users/<name> or servicePrincipals/<application_id>."),
                optional("disable_as_user_deletion", BOOL, "Deactivate instead of deleting on destroy."),
                optional("force_delete_repos", BOOL, "Delete the repos directory on destroy."),
                optional("force_delete_home_dir", BOOL, "Delete the home directory on destroy."));
    }

    public static final ResourceSchema USER = new ResourceSchema("databricks_user", 0, block(
            required("user_name", STRING, "Email of the user.").asForceNew(),
            optionalComputed("display_name", STRING, "Display name."),
            principalCommon()),
            "A workspace user.");

    public static final ResourceSchema SERVICE_PRINCIPAL = new ResourceSchema("databricks_service_principal", 0, block(
            optionalComputed("application_id", STRING, "Application id (generated when unset).").asForceNew(),
            optionalComputed("display_name", STRING, "Display name."),
            principalCommon()),
            "A service principal.");
}
