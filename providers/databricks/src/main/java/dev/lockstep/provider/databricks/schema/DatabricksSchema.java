package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.BOOL;
import static dev.lockstep.api.schema.SchemaBuilder.NUMBER;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.optional;

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
            optional("host", STRING, "Workspace URL (or DATABRICKS_HOST)."),
            optional("token", STRING, "Personal access token (or DATABRICKS_TOKEN).").asSensitive(),
            optional("client_id", STRING, "OAuth client id of a service principal (or DATABRICKS_CLIENT_ID)."),
            optional("client_secret", STRING, "OAuth client secret (or DATABRICKS_CLIENT_SECRET).").asSensitive(),
            optional("profile", STRING, "Profile of ~/.databrickscfg (or DATABRICKS_CONFIG_PROFILE)."),
            optional("config_file", STRING, "Path of the configuration file (default ~/.databrickscfg)."),
            optional("rate_limit", NUMBER, "Requests per second sent to the workspace (default 15)."),
            optional("http_timeout_seconds", NUMBER, "Timeout of one HTTP request (default 60)."),
            optional("retry_timeout_seconds", NUMBER, "How long 429 and 503 answers are retried (default 300)."),
            optional("consistency_timeout_seconds", NUMBER, "How long a just-created object may be invisible (default 60)."),
            optional("cluster_state_timeout_seconds", NUMBER, "How long to wait for a cluster to settle (default 1200)."),
            optional("allow_lockout", BOOL, "Allow plans that remove lockstep's own manage right on an object."));

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
