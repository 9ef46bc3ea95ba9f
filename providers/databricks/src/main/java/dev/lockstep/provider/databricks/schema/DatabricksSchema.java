package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.BOOL;
import static dev.lockstep.provider.databricks.schema.S.NUM;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.opt;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The provider's whole schema: its settings, 15 resource types and 4 data sources. No SDK class is loaded. */
public final class DatabricksSchema {

    private DatabricksSchema() {
    }

    public static final BlockSchema CONFIG = block(
            opt("host", STR, "Workspace URL (or DATABRICKS_HOST)."),
            opt("token", STR, "Personal access token (or DATABRICKS_TOKEN).").asSensitive(),
            opt("client_id", STR, "OAuth client id of a service principal (or DATABRICKS_CLIENT_ID)."),
            opt("client_secret", STR, "OAuth client secret (or DATABRICKS_CLIENT_SECRET).").asSensitive(),
            opt("profile", STR, "Profile of ~/.databrickscfg (or DATABRICKS_CONFIG_PROFILE)."),
            opt("config_file", STR, "Path of the configuration file (default ~/.databrickscfg)."),
            opt("rate_limit", NUM, "Requests per second sent to the workspace (default 15)."),
            opt("http_timeout_seconds", NUM, "Timeout of one HTTP request (default 60)."),
            opt("retry_timeout_seconds", NUM, "How long 429 and 503 answers are retried (default 300)."),
            opt("consistency_timeout_seconds", NUM, "How long a just-created object may be invisible (default 60)."),
            opt("cluster_state_timeout_seconds", NUM, "How long to wait for a cluster to settle (default 1200)."),
            opt("allow_lockout", BOOL, "Allow plans that remove lockstep's own manage right on an object."));

    public static final List<ResourceSchema> RESOURCES = List.of(
            ClusterSchemas.CLUSTER, ClusterSchemas.CLUSTER_POLICY, ClusterSchemas.INSTANCE_POOL, JobSchema.JOB,
            WorkspaceSchemas.NOTEBOOK, WorkspaceSchemas.DIRECTORY, WorkspaceSchemas.PERMISSIONS,
            IdentitySchemas.GROUP, IdentitySchemas.GROUP_MEMBER, IdentitySchemas.USER,
            IdentitySchemas.SERVICE_PRINCIPAL, SecretSchemas.SECRET_SCOPE, SecretSchemas.SECRET,
            SecretSchemas.SECRET_ACL, SecretSchemas.TOKEN);

    public static final List<ResourceSchema> DATA_SOURCES = List.of(DataSourceSchemas.CURRENT_USER,
            DataSourceSchemas.GROUP, DataSourceSchemas.SPARK_VERSION, DataSourceSchemas.NODE_TYPE);

    /** The provider schema. */
    public static ProviderSchema build() {
        Map<String, ResourceSchema> r = new LinkedHashMap<>();
        RESOURCES.forEach(s -> r.put(s.type(), s));
        Map<String, ResourceSchema> d = new LinkedHashMap<>();
        DATA_SOURCES.forEach(s -> d.put(s.type(), s));
        return new ProviderSchema("databricks", CONFIG, r, d);
    }
}
