package dev.lockstep.secrets.keys;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.aws.AwsProviderFactory;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.KeyProviderFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code key_provider "aws_secretsmanager" "LABEL"}: a 32-byte key held in an AWS Secrets Manager
 * secret (the whole SecretString or SecretBinary, or one {@code field} of a JSON SecretString), read
 * through the {@code aws} provider's own code (region, profile and credential chain resolved as for
 * the {@code provider "aws"} block, which this block's {@code region}, {@code profile},
 * {@code endpoint} and {@code max_retries} mirror) and its {@code aws_secretsmanager_secret} data
 * source. The key id is {@code <secret ARN>#<VersionId>}, so files sealed before the secret got a new
 * version are refused with a key id mismatch.
 */
public final class SecretsManagerKeyProviderFactory implements KeyProviderFactory {

    /** The key provider type. */
    public static final String TYPE = "aws_secretsmanager";

    private static final String SECRET = "aws_secretsmanager_secret";

    /** The settings of the provider block this block takes (static keys are not among them). */
    private static final List<String> PROVIDER_SETTINGS = List.of("region", "profile", "endpoint", "max_retries");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BlockSchema schema() {
        BlockSchema provider = new AwsProviderFactory().schema().config();
        Map<String, AttributeSchema> a = new LinkedHashMap<>();
        a.put("secret_id", AttributeSchema.required("secret_id", Type.STRING).describedAs("The secret's name or "
                + "ARN."));
        a.put("version_stage", AttributeSchema.optional("version_stage", Type.STRING).describedAs("The staging "
                + "label to read; default AWSCURRENT when version_id is not set."));
        a.put("version_id", AttributeSchema.optional("version_id", Type.STRING).describedAs("The version to read; "
                + "pin the old version in a fallback key provider after a rotation."));
        a.put("field", AttributeSchema.optional("field", Type.STRING).describedAs("The member of a JSON "
                + "SecretString that holds the key; default none (the whole SecretString or SecretBinary is the "
                + "key)."));
        for (String s : PROVIDER_SETTINGS) {
            a.put(s, provider.attributes().get(s));
        }
        return new BlockSchema(a, Map.of());
    }

    @Override
    public String sandboxSystem() {
        return AwsProviderFactory.NAME;
    }

    @Override
    public KeyProvider open(String label, Value arguments, Map<String, String> environment,
            Map<String, String> sandbox) throws EncryptionException {
        StoreRead store = new StoreRead(new AwsProviderFactory(), TYPE, label, "Secrets Manager");
        Diagnostics d = new Diagnostics();
        Args a = new Args(arguments, store.block(), d);
        String id = a.string("secret_id");
        String stage = a.string("version_stage");
        String versionId = a.string("version_id");
        String field = a.string("field");
        if (d.hasErrors()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + ": " + store.describe(d));
        }
        if (id == null || id.isBlank()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + " needs secret_id, the name or ARN"
                    + " of the secret that holds the key.", "secret_id");
        }
        Map<String, Value> settings = new LinkedHashMap<>();
        for (String s : PROVIDER_SETTINGS) {
            Value v = arguments == null || arguments.isNull() ? null : arguments.get(s);
            if (v != null && !v.isNull()) {
                settings.put(s, v);
            }
        }
        Map<String, Value> config = new LinkedHashMap<>();
        config.put("secret_id", Value.string(id));
        if (stage != null) {
            config.put("version_stage", Value.string(stage));
        }
        if (versionId != null) {
            config.put("version_id", Value.string(versionId));
        }
        String which = versionId != null ? "version " + versionId + (stage == null ? "" : ", " + stage)
                : stage != null ? stage : "AWSCURRENT";
        String where = "Secrets Manager secret " + id + " (" + which + ")";
        Value s = store.read(Value.object(settings), environment, sandbox, SECRET, Value.object(config), where,
                "secret_id");

        String readVersion = text(s.get("version_id"));
        if (readVersion == null) {
            throw new EncryptionException("Key provider " + store.keyProvider() + ": Secrets Manager did not say which"
                    + " version of " + id + " it returned, so no key id can be recorded.", "secret_id");
        }
        where = "Secrets Manager secret " + id + " (version " + readVersion + ")";
        String arn = text(s.get("arn"));
        String keyId = (arn != null ? arn : id) + "#" + readVersion;
        String string = text(s.get("secret_string"));
        String binary = text(s.get("secret_binary"));
        Value json = s.get("secret_json").unmark();
        if (field != null) {
            if (string == null) {
                throw new EncryptionException("Key provider " + store.keyProvider() + ": " + where + " is a binary"
                        + " secret, which has no fields; remove field to use the whole SecretBinary as the key.",
                        "field");
            }
            if (json == null || json.isNull()) {
                throw new EncryptionException("Key provider " + store.keyProvider() + ": " + where + " is not a JSON"
                        + " object, so it has no field \"" + field + "\"; remove field to use the whole SecretString"
                        + " as the key.", "field");
            }
            Value value = json.get(field);
            if (value == null || value.isNull()) {
                TreeSet<String> fields = new TreeSet<>(json.attributes().keySet());
                throw new EncryptionException("Key provider " + store.keyProvider() + ": " + where + " has no field \""
                        + field + "\"" + (value != null ? " with a value" : "") + " (its fields: "
                        + (fields.isEmpty() ? "none" : String.join(", ", fields)) + "). Set field to the one that"
                        + " holds the key.", "field");
            }
            return store.key(keyId, value.unmark().asString().getBytes(StandardCharsets.UTF_8),
                    where + ", field \"" + field + "\",");
        }
        if (string != null) {
            boolean isJson = json != null && !json.isNull();
            try {
                return store.key(keyId, string.getBytes(StandardCharsets.UTF_8), where + ",");
            } catch (EncryptionException e) {
                throw isJson ? new EncryptionException(e.getMessage() + " The SecretString is a JSON object: set"
                        + " field to the member that holds the key.", "field") : e;
            }
        }
        if (binary != null) {
            return store.key(keyId, Base64.getDecoder().decode(binary), where + ", SecretBinary,");
        }
        throw new EncryptionException("Key provider " + store.keyProvider() + ": " + where + " has neither a"
                + " SecretString nor a SecretBinary.", "secret_id");
    }

    private static String text(Value v) {
        if (v == null) {
            return null;
        }
        Value u = v.unmark();
        return u.isNull() ? null : u.asString();
    }
}
