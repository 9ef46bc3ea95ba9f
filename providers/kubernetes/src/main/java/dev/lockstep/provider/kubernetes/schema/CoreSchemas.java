package dev.lockstep.provider.kubernetes.schema;

import static dev.lockstep.api.schema.SchemaBuilder.STRING_MAP;
import static dev.lockstep.api.schema.SchemaBuilder.STRING_SET;
import static dev.lockstep.api.schema.SchemaBuilder.body;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.list;
import static dev.lockstep.api.schema.SchemaBuilder.one;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.value.Type;

/** Schemas of the core/v1 types: namespace, service account, secret, config map, resource quota, limit range. */
public final class CoreSchemas {

    private CoreSchemas() {
    }

    public static BlockSchema namespace() {
        return body()
                .add(computed("id", Type.STRING, "name"))
                .add(Metadata.clusterScoped("namespace"))
                .add(Timeouts.block("delete"))
                .add(optional("wait_for_default_service_account", Type.BOOL, "Wait after create until the "
                        + "namespace's default service account exists."))
                .build();
    }

    public static BlockSchema serviceAccount() {
        BlockSchema ref = body().add(optional("name", Type.STRING, "Name of the referenced secret.")).build();
        return body()
                .add(optionalComputed("automount_service_account_token", Type.BOOL, "Mount the token into pods "
                        + "(default true)."))
                .add(computed("default_secret_name", Type.STRING, "The token secret the server created, if exactly "
                        + "one exists (clusters before 1.24)."))
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("service account"))
                .add(SchemaBuilder.set("image_pull_secret", ref))
                .add(SchemaBuilder.set("secret", ref))
                .add(Timeouts.block("create"))
                .build();
    }

    public static BlockSchema secret() {
        return body()
                .add(optional("binary_data", STRING_MAP, "Base64-encoded values, for content that is not UTF-8.")
                        .asSensitive())
                .add(optional("data", STRING_MAP, "Values, stored base64-encoded by the server.").asSensitive())
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(optional("immutable", Type.BOOL, "When true the data cannot change; changing it replaces the "
                        + "secret."))
                .add(Metadata.namespaced("secret"))
                .add(Timeouts.block("create"))
                .add(optionalComputed("type", Type.STRING, "The secret type (default Opaque); changing it replaces "
                        + "the secret.").asForceNew())
                .add(optional("wait_for_service_account_token", Type.BOOL, "For service-account-token secrets: wait "
                        + "until the token controller filled the token (default true)."))
                .build();
    }

    public static BlockSchema configMap() {
        return body()
                .add(optional("binary_data", STRING_MAP, "Base64-encoded values for content that is not UTF-8."))
                .add(optional("data", STRING_MAP, "Configuration values."))
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(optional("immutable", Type.BOOL, "When true the data cannot change; changing it replaces the "
                        + "config map."))
                .add(Metadata.namespaced("config map"))
                .build();
    }

    public static BlockSchema resourceQuota() {
        BlockSchema expression = body()
                .add(required("operator", Type.STRING, "In, NotIn, Exists or DoesNotExist."))
                .add(required("scope_name", Type.STRING, "Terminating, NotTerminating, BestEffort, NotBestEffort "
                        + "or PriorityClass."))
                .add(optional("values", STRING_SET, "Values for In and NotIn."))
                .build();
        BlockSchema scopeSelector = body().add(list("match_expression", expression, 0, 0)).build();
        BlockSchema spec = body()
                .add(optional("hard", STRING_MAP, "Hard limits by resource name, as quantities."))
                .add(one("scope_selector", scopeSelector, false))
                .add(optional("scopes", STRING_SET, "Scopes the quota applies to."))
                .build();
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("resource quota"))
                .add(one("spec", spec, false))
                .add(Timeouts.block("create", "update"))
                .build();
    }

    public static BlockSchema limitRange() {
        BlockSchema limit = body()
                .add(optional("default", STRING_MAP, "Default limits by resource name."))
                .add(optional("default_request", STRING_MAP, "Default requests by resource name."))
                .add(optional("max", STRING_MAP, "Maximum usage by resource name."))
                .add(optional("max_limit_request_ratio", STRING_MAP, "Maximum limit/request ratio by resource name."))
                .add(optional("min", STRING_MAP, "Minimum usage by resource name."))
                .add(optional("type", Type.STRING, "Pod, Container or PersistentVolumeClaim."))
                .build();
        BlockSchema spec = body().add(list("limit", limit, 0, 0)).build();
        return body()
                .add(computed("id", Type.STRING, "namespace/name"))
                .add(Metadata.namespaced("limit range"))
                .add(one("spec", spec, false))
                .build();
    }
}
