package dev.lockstep.provider.databricks.schema;

import static dev.lockstep.provider.databricks.schema.S.NUM;
import static dev.lockstep.provider.databricks.schema.S.STR;
import static dev.lockstep.provider.databricks.schema.S.block;
import static dev.lockstep.provider.databricks.schema.S.comp;
import static dev.lockstep.provider.databricks.schema.S.opt;
import static dev.lockstep.provider.databricks.schema.S.optc;
import static dev.lockstep.provider.databricks.schema.S.req;
import static dev.lockstep.provider.databricks.schema.S.single;

import dev.lockstep.api.schema.ResourceSchema;

/** Schemas of secret scopes, secrets, secret ACLs and personal access tokens. */
public final class SecretSchemas {

    private SecretSchemas() {
    }

    public static final ResourceSchema SECRET_SCOPE = new ResourceSchema("databricks_secret_scope", 0, block(
            comp("id", STR, "The scope name."),
            req("name", STR, "Scope name.").asForceNew().asIdentifying(),
            opt("initial_manage_principal", STR, "users, or unset for the creator only.").asForceNew(),
            optc("backend_type", STR, "DATABRICKS.").asForceNew(),
            single("keyvault_metadata", block(req("resource_id", STR, "Key Vault resource id."),
                    req("dns_name", STR, "Key Vault DNS name."))).asForceNew()),
            "A secret scope.");

    public static final ResourceSchema SECRET = new ResourceSchema("databricks_secret", 0, block(
            comp("id", STR, "<scope>|||<key>."),
            req("scope", STR, "Scope name.").asForceNew().asIdentifying(),
            req("key", STR, "Key.").asForceNew().asIdentifying(),
            req("string_value", STR, "The secret value.").asSensitive(),
            comp("last_updated_timestamp", NUM, "When the value was last set (epoch milliseconds)."),
            comp("config_reference", STR, "{{secrets/<scope>/<key>}}, for Spark configuration.")),
            "A secret in a scope; its value never reaches state in clear.");

    public static final ResourceSchema SECRET_ACL = new ResourceSchema("databricks_secret_acl", 0, block(
            comp("id", STR, "<scope>|||<principal>."),
            req("scope", STR, "Scope name.").asForceNew().asIdentifying(),
            req("principal", STR, "User name, group name or service principal application id.").asForceNew()
                    .asIdentifying(),
            req("permission", STR, "READ, WRITE or MANAGE.").allowing(Enums.SECRET_PERMISSION).asForceNew()),
            "A principal's access to a secret scope.");

    public static final ResourceSchema TOKEN = new ResourceSchema("databricks_token", 0, block(
            comp("id", STR, "The token id."),
            opt("comment", STR, "Comment.").asForceNew(),
            opt("lifetime_seconds", NUM, "Lifetime; unset for a token that never expires.").asForceNew(),
            opt("rotate_after", STR, "Plan a replacement once the token is this old, such as 30d or 12h."),
            comp("token_id", STR, "The token id."),
            comp("token_value", STR, "The token; known only when it is created.").asSensitive(),
            comp("creation_time", NUM, "Creation time (epoch milliseconds)."),
            comp("expiry_time", NUM, "Expiry time (epoch milliseconds; -1 = never).")),
            "A personal access token of the identity lockstep acts as.");
}
