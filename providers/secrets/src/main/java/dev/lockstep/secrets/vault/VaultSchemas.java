package dev.lockstep.secrets.vault;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Type;
import java.util.List;
import java.util.Map;

/** The schemas of the {@code vault} provider block and of {@code data "vault_kv_secret"}; API types only. */
final class VaultSchemas {

    static final String KV_SECRET = "vault_kv_secret";

    static final BlockSchema AUTH_KUBERNETES = BlockSchema.of(
            AttributeSchema.required("role", Type.STRING).describedAs("The Vault role to log in as."),
            AttributeSchema.optional("jwt_path", Type.STRING).describedAs("The service-account token file; "
                    + "default " + VaultOptions.DEFAULT_JWT_PATH + "."),
            AttributeSchema.optional("mount", Type.STRING).describedAs("Where the auth method is mounted; "
                    + "default kubernetes."));

    static final BlockSchema AUTH_APPROLE = BlockSchema.of(
            AttributeSchema.required("role_id", Type.STRING).describedAs("The AppRole's role id."),
            AttributeSchema.required("secret_id", Type.STRING).asSensitive().describedAs("A secret id of the role."),
            AttributeSchema.optional("mount", Type.STRING).describedAs("Where the auth method is mounted; "
                    + "default approle."));

    static final BlockSchema CONFIG = BlockSchema.of(List.of(
            AttributeSchema.optional("address", Type.STRING).describedAs("Vault's URL; default VAULT_ADDR."),
            AttributeSchema.optional("namespace", Type.STRING).describedAs("Vault Enterprise namespace; "
                    + "default VAULT_NAMESPACE."),
            AttributeSchema.optional("token", Type.STRING).asSensitive().describedAs("A Vault token; default "
                    + "VAULT_TOKEN, then the token helper file ~/.vault-token. Prefer either to this setting."),
            AttributeSchema.optional("skip_tls_verify", Type.BOOL).describedAs("Accept any server certificate; "
                    + "default VAULT_SKIP_VERIFY. For development only."),
            AttributeSchema.optional("ca_cert_file", Type.STRING).describedAs("A PEM file of CA certificates to "
                    + "trust instead of the JDK's; default VAULT_CACERT."),
            AttributeSchema.optional("max_retries", Type.NUMBER).describedAs("Retries of a read that failed with "
                    + "a 5xx or an I/O error (4xx are never retried); default 0.")),
            List.of(NestedBlockSchema.single("auth_kubernetes", AUTH_KUBERNETES, false),
                    NestedBlockSchema.single("auth_approle", AUTH_APPROLE, false)));

    static final ResourceSchema KV_SECRET_SCHEMA = new ResourceSchema(KV_SECRET, 0, BlockSchema.of(
            AttributeSchema.optional("mount", Type.STRING).asComputed().describedAs("The KV version 2 mount, "
                    + "nested ones included (team/kv); default secret."),
            AttributeSchema.required("path", Type.STRING).describedAs("The secret's path below the mount, "
                    + "without data/."),
            AttributeSchema.optional("version", Type.NUMBER).asComputed().describedAs("The version to read; "
                    + "default the latest. Set to the version read."),
            AttributeSchema.computed("data", Type.map(Type.STRING)).asSensitive().describedAs("The secret's "
                    + "key/value pairs; values that are not strings as their JSON text."),
            AttributeSchema.computed("data_json", Type.STRING).asSensitive().describedAs("The secret's data as "
                    + "a JSON object."),
            AttributeSchema.computed("created_time", Type.STRING).describedAs("When the version read was "
                    + "written (RFC 3339)."),
            AttributeSchema.computed("custom_metadata", Type.map(Type.STRING)).describedAs("The secret's "
                    + "custom metadata (not secret in Vault's model, so not marked sensitive).")),
            "Reads one version of a secret from a Vault KV version 2 secrets engine.");

    private VaultSchemas() {
    }

    static ProviderSchema provider() {
        return new ProviderSchema(VaultProviderFactory.NAME, CONFIG, Map.of(), Map.of(KV_SECRET, KV_SECRET_SCHEMA));
    }
}
