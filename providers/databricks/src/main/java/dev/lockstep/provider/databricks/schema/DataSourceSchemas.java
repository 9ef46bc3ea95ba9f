package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.BOOL;
import static dev.lockstep.provider.databricks.schema.S.NUM;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.STR_SET;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.comp;
import static dev.lockstep.provider.databricks.schema.S.opt;
import static dev.lockstep.provider.databricks.schema.S.optc;
import static dev.lockstep.provider.databricks.schema.S.req;

import dev.lockstep.api.schema.ResourceSchema;

/** Schemas of the data sources: current user, group, Spark version and node type. */
public final class DataSourceSchemas {

    private DataSourceSchemas() {
    }

    public static final ResourceSchema CURRENT_USER = new ResourceSchema("databricks_current_user", 0, block(
            comp("id", STR, "SCIM id."),
            comp("user_name", STR, "User name, or application id of a service principal."),
            comp("application_id", STR, "Application id when the identity is a service principal."),
            comp("home", STR, "Home directory."),
            comp("repos", STR, "Repos directory."),
            comp("alphanumeric", STR, "The user name with every non-alphanumeric character replaced by _."),
            comp("external_id", STR, "Id in the identity provider."),
            comp("workspace_url", STR, "The workspace URL."),
            comp("acl_principal_id", STR, "users/<name> or servicePrincipals/<application_id>.")),
            "The identity lockstep acts as.");

    public static final ResourceSchema GROUP = new ResourceSchema("databricks_group", 0, block(
            comp("id", STR, "SCIM id."),
            req("display_name", STR, "Group name."),
            optc("recursive", BOOL, "Include members of nested groups (default true)."),
            comp("members", STR_SET, "SCIM ids of every member."),
            comp("users", STR_SET, "SCIM ids of member users."),
            comp("service_principals", STR_SET, "SCIM ids of member service principals."),
            comp("child_groups", STR_SET, "SCIM ids of member groups."),
            comp("groups", STR_SET, "SCIM ids of the groups this group belongs to."),
            comp("instance_profiles", STR_SET, "Instance profiles of the group (none: lockstep does not manage them)."),
            comp("external_id", STR, "Id in the identity provider."),
            comp("allow_cluster_create", BOOL, "Entitlement to create clusters."),
            comp("allow_instance_pool_create", BOOL, "Entitlement to create instance pools."),
            comp("databricks_sql_access", BOOL, "Entitlement to use Databricks SQL."),
            comp("workspace_access", BOOL, "Entitlement to use the workspace UI."),
            comp("acl_principal_id", STR, "groups/<display_name>.")),
            "A group and its members.");

    public static final ResourceSchema SPARK_VERSION = new ResourceSchema("databricks_spark_version", 0, block(
            comp("id", STR, "The selected runtime version key."),
            optc("latest", BOOL, "Pick the newest matching version (default true)."),
            opt("long_term_support", BOOL, "Only LTS versions."),
            opt("ml", BOOL, "ML runtimes."),
            opt("genomics", BOOL, "Genomics runtimes."),
            opt("gpu", BOOL, "GPU runtimes."),
            opt("beta", BOOL, "Beta versions."),
            opt("photon", BOOL, "Photon runtimes."),
            opt("graviton", BOOL, "Graviton runtimes."),
            optc("scala", STR, "Scala version (default 2.12)."),
            opt("spark_version", STR, "Apache Spark version prefix, such as 3.5.")),
            "A Databricks Runtime version key chosen from the workspace's list.");

    public static final ResourceSchema NODE_TYPE = new ResourceSchema("databricks_node_type", 0, block(
            comp("id", STR, "The smallest node type id that matches."),
            opt("min_memory_gb", NUM, "Least memory in GB."),
            opt("gb_per_core", NUM, "GB of memory per core."),
            opt("min_cores", NUM, "Fewest cores."),
            opt("min_gpus", NUM, "Fewest GPUs."),
            opt("local_disk", BOOL, "Only nodes with local disks."),
            opt("local_disk_min_size", NUM, "Least local disk in GB."),
            opt("category", STR, "Node category, such as General Purpose."),
            opt("photon_worker_capable", BOOL, "Photon-capable workers."),
            opt("photon_driver_capable", BOOL, "Photon-capable drivers."),
            opt("graviton", BOOL, "Graviton nodes."),
            opt("is_io_cache_enabled", BOOL, "Nodes with the IO cache."),
            opt("support_port_forwarding", BOOL, "Nodes supporting port forwarding."),
            opt("fleet", BOOL, "Fleet node types.")),
            "The smallest node type that matches the criteria, from the workspace's list.");
}
