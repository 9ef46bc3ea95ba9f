package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.api.schema.SchemaBuilder.NUMBER;
import static dev.lockstep.api.schema.SchemaBuilder.STRING;
import static dev.lockstep.api.schema.SchemaBuilder.block;
import static dev.lockstep.api.schema.SchemaBuilder.computed;
import static dev.lockstep.api.schema.SchemaBuilder.optional;
import static dev.lockstep.api.schema.SchemaBuilder.optionalComputed;
import static dev.lockstep.api.schema.SchemaBuilder.required;
import static dev.lockstep.api.schema.SchemaBuilder.single;

import dev.lockstep.api.schema.ResourceSchema;

/** Schemas of secret scopes, secrets, secret ACLs and personal access tokens. */
public final class SecretSchemas {

    private SecretSchemas() {
    }

    public static final ResourceSchema SECRET_SCOPE = new ResourceSchema("databricks_secret_scope", 0, block(
            computed("id", STRING, "The scope name."),
            required("name", STRING, "Scope name.").asForceNew().asIdentifying(),
            optional("initial_manage_principal", STRING, "users, or unset for the creator only.").asForceNew(),
            optionalComputed("backend_type", STRING, "DATABRICKS.").asForceNew(),
            single("keyvault_metadata", block(required("resource_id", STRING, "Key Vault resource id."),
                    required("dns_name", STRING, "Key Vault DNS name."))).asForceNew()),
            "A secret scope.");

    public static final ResourceSchema SECRET = new ResourceSchema("databricks_secret", 0, block(
            computed("id", STRING, "<scope>|||<key>."),
            required("scope", STRING, "Scope name.").asForceNew().asIdentifying(),
            required("key", STRING, "Key.").asForceNew().asIdentifying(),
            required("string_value", STRING, "The secret value.").asSensitive(),
            computed("last_updated_timestamp", NUMBER, "When the value was last set (epoch milliseconds)."),
            computed("config_reference", STRING, "{{secrets/<scope>/<key>}}, for Spark configuration.")),
            "A secret in a scope; its value never reaches state in clear.");

    public static final ResourceSchema SECRET_ACL = new ResourceSchema("databricks_secret_acl", 0, block(
            computed("id", STRING, "<scope>|||<principal>."),
            required("scope", STRING, "Scope name.").asForceNew().asIdentifying(),
            required("principal", STRING, "User name, group name or service principal application id.").asForceNew()
                    .asIdentifying(),
            required("permission", STRING, "READ, WRITE or MANAGE.").allowing(Enums.SECRET_PERMISSION).asForceNew()),
            "A principal's access to a secret scope.");

    public static final ResourceSchema TOKEN = new ResourceSchema("databricks_token", 0, block(
            computed("id", STRING, "The token id."),
            optional("comment", STRING, "Comment.").asForceNew(),
            optional("lifetime_seconds", NUMBER, "Lifetime; unset for a token that never expires.").asForceNew(),
            optional("rotate_after", STRING, "Plan a replacement once the token is this old, such as 30d or 12h."),
            computed("token_id", STRING, "The token id."),
            computed("token_value", STRING, "The token; known only when it is created.").asSensitive(),
            computed("creation_time", NUMBER, "Creation time (epoch milliseconds)."),
            computed("expiry_time", NUMBER, "Expiry time (epoch milliseconds; -1 = never).")),
            "A personal access token of the identity lockstep acts as.");
}
