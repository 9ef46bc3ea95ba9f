package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.NUMBER;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_SET;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.ResourceSchema;

/** Schemas of the data sources: current user, group, Spark version and node type. */
public final class DataSourceSchemas {

    private DataSourceSchemas() {
    }

    public static final ResourceSchema CURRENT_USER = new ResourceSchema("databricks_current_user", 0, block(
            computed("id", STRING, "SCIM id."),
            computed("user_name", STRING, "User name, or application id of a service principal."),
            computed("application_id", STRING, "Application id when the identity is a service principal."),
            computed("home", STRING, "Home directory."),
            computed("repos", STRING, "Repos directory."),
            computed("alphanumeric", STRING, "The user name with every non-alphanumeric character replaced by _."),
            computed("external_id", STRING, "Id in the identity provider."),
            computed("workspace_url", STRING, "The workspace URL."),
            computed("acl_principal_id", STRING, "users/<name> or servicePrincipals/<application_id>.")),
            "The identity lockstep acts as.");

    public static final ResourceSchema GROUP = new ResourceSchema("databricks_group", 0, block(
            computed("id", STRING, "SCIM id."),
            required("display_name", STRING, "Group name."),
            optionalComputed("recursive", BOOL, "Include members of nested groups (default true)."),
            computed("members", STRING_SET, "SCIM ids of every member."),
            computed("users", STRING_SET, "SCIM ids of member users."),
            computed("service_principals", STRING_SET, "SCIM ids of member service principals."),
            computed("child_groups", STRING_SET, "SCIM ids of member groups."),
            computed("groups", STRING_SET, "SCIM ids of the groups this group belongs to."),
            computed("instance_profiles", STRING_SET, "Instance profiles of the group (none: lockstep does not manage them)."),
            computed("external_id", STRING, "Id in the identity provider."),
            computed("allow_cluster_create", BOOL, "Entitlement to create clusters."),
            computed("allow_instance_pool_create", BOOL, "Entitlement to create instance pools."),
            computed("databricks_sql_access", BOOL, "Entitlement to use Databricks SQL."),
            computed("workspace_access", BOOL, "Entitlement to use the workspace UI."),
            computed("acl_principal_id", STRING, "groups/<display_name>.")),
            "A group and its members.");

    public static final ResourceSchema SPARK_VERSION = new ResourceSchema("databricks_spark_version", 0, block(
            computed("id", STRING, "The selected runtime version key."),
            optionalComputed("latest", BOOL, "Pick the newest matching version (default true)."),
            optional("long_term_support", BOOL, "Only LTS versions."),
            optional("ml", BOOL, "ML runtimes."),
            optional("genomics", BOOL, "Genomics runtimes."),
            optional("gpu", BOOL, "GPU runtimes."),
            optional("beta", BOOL, "Beta versions."),
            optional("photon", BOOL, "Photon runtimes."),
            optional("graviton", BOOL, "Graviton runtimes."),
            optionalComputed("scala", STRING, "Scala version (default 2.12)."),
            optional("spark_version", STRING, "Apache Spark version prefix, such as 3.5.")),
            "A Databricks Runtime version key chosen from the workspace's list.");

    public static final ResourceSchema NODE_TYPE = new ResourceSchema("databricks_node_type", 0, block(
            computed("id", STRING, "The smallest node type id that matches."),
            optional("min_memory_gb", NUMBER, "Least memory in GB."),
            optional("gb_per_core", NUMBER, "GB of memory per core."),
            optional("min_cores", NUMBER, "Fewest cores."),
            optional("min_gpus", NUMBER, "Fewest GPUs."),
            optional("local_disk", BOOL, "Only nodes with local disks."),
            optional("local_disk_min_size", NUMBER, "Least local disk in GB."),
            optional("category", STRING, "Node category, such as General Purpose."),
            optional("photon_worker_capable", BOOL, "Photon-capable workers."),
            optional("photon_driver_capable", BOOL, "Photon-capable drivers."),
            optional("graviton", BOOL, "Graviton nodes."),
            optional("is_io_cache_enabled", BOOL, "Nodes with the IO cache."),
            optional("support_port_forwarding", BOOL, "Nodes supporting port forwarding."),
            optional("fleet", BOOL, "Fleet node types.")),
            "The smallest node type that matches the criteria, from the workspace's list.");
}
