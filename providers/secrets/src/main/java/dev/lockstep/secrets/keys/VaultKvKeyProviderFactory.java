package dev.lockstep.secrets.keys;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.secrets.Args;
import dev.lockstep.secrets.vault.VaultProviderFactory;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.KeyProviderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code key_provider "vault_kv" "LABEL"}: a 32-byte key held in one field of a Vault KV version 2
 * secret, read through the {@code vault} provider's own code (its settings, credential discovery,
 * TLS and errors; the block takes every setting of the {@code provider "vault"} block) and its
 * {@code vault_kv_secret} data source. The key id is {@code <mount>/<path>#<version>}, so files
 * sealed before the secret got a new version are refused with a key id mismatch.
 */
public final class VaultKvKeyProviderFactory implements KeyProviderFactory {

    /** The key provider type. */
    public static final String TYPE = "vault_kv";

    private static final String KV_SECRET = "vault_kv_secret";

    /** The arguments that say where the key is; every other argument is a setting of the provider block. */
    private static final String[] KEY_ARGUMENTS = {"mount", "path", "field", "version"};

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BlockSchema schema() {
        BlockSchema provider = new VaultProviderFactory().schema().config();
        Map<String, AttributeSchema> a = new LinkedHashMap<>(provider.attributes());
        a.put("mount", AttributeSchema.optional("mount", Type.STRING).describedAs("The KV version 2 mount, nested "
                + "ones included (team/kv); default secret."));
        a.put("path", AttributeSchema.required("path", Type.STRING).describedAs("The secret's path below the "
                + "mount, without data/."));
        a.put("field", AttributeSchema.optional("field", Type.STRING).describedAs("The secret's field that holds "
                + "the key (32 bytes, as base64 or raw); default key."));
        a.put("version", AttributeSchema.optional("version", Type.NUMBER).describedAs("The secret's version to "
                + "read; default the latest. Pin the old version in a fallback key provider after a rotation."));
        return new BlockSchema(a, provider.blocks());
    }

    @Override
    public String sandboxSystem() {
        return VaultProviderFactory.NAME;
    }

    @Override
    public KeyProvider open(String label, Value arguments, Map<String, String> environment,
            Map<String, String> sandbox) throws EncryptionException {
        StoreRead store = new StoreRead(new VaultProviderFactory(), TYPE, label, "Vault");
        Diagnostics d = new Diagnostics();
        Args a = new Args(arguments, store.block(), d);
        String mount = a.string("mount");
        String path = a.string("path");
        String field = a.string("field");
        field = field == null ? "key" : field;
        Integer version = a.wholeNumber("version", 1, Integer.MAX_VALUE);
        if (d.hasErrors()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + ": " + store.describe(d), "version");
        }
        relativeFile(store, a.string("ca_cert_file"), "ca_cert_file");
        Args k8s = a.block("auth_kubernetes");
        relativeFile(store, k8s == null ? null : k8s.string("jwt_path"), "auth_kubernetes.jwt_path");
        if (path == null || path.isBlank()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + " needs path, the path of the Vault"
                    + " secret below its mount.", "path");
        }
        Map<String, Value> settings = new LinkedHashMap<>();
        if (arguments != null && !arguments.isNull()) {
            arguments.attributes().forEach((k, v) -> {
                if (!isKeyArgument(k) && v != null && !v.isNull()) {
                    settings.put(k, v);
                }
            });
        }
        Map<String, Value> config = new LinkedHashMap<>();
        if (mount != null) {
            config.put("mount", Value.string(mount));
        }
        config.put("path", Value.string(path));
        if (version != null) {
            config.put("version", Value.number(version));
        }
        String shownMount = mount == null ? "secret" : mount.strip();
        String where = "Vault secret " + shownMount + "/" + path.strip()
                + (version == null ? " (latest version)" : " (version " + version + ")");
        Value s = store.read(Value.object(settings), environment, sandbox, KV_SECRET, Value.object(config), where,
                "path");

        String readMount = s.get("mount").asString();
        String readPath = s.get("path").asString();
        Value readVersion = s.get("version");
        if (readVersion == null || readVersion.isNull()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + ": Vault did not say which version"
                    + " of " + readMount + "/" + readPath + " it returned, so no key id can be recorded; set version.",
                    "version");
        }
        long v = readVersion.asNumber().longValueExact();
        where = "Vault secret " + readMount + "/" + readPath + " (version " + v + ")";
        Value data = s.get("data").unmark();
        Value value = data.isNull() ? null : data.get(field);
        if (value == null || value.isNull()) {
            TreeSet<String> fields = new TreeSet<>(data.isNull() ? Map.<String, Value>of().keySet()
                    : data.attributes().keySet());
            throw new EncryptionException("Key provider " + store.keyProvider() + ": " + where + " has no field \""
                    + field + "\"" + (value != null ? " with a value" : "") + " (its fields: "
                    + (fields.isEmpty() ? "none" : String.join(", ", fields)) + "). Set field to the one that holds"
                    + " the key.", "field");
        }
        byte[] key = value.unmark().asString().getBytes(StandardCharsets.UTF_8);
        return store.key(readMount + "/" + readPath + "#" + v, key, where + ", field \"" + field + "\",");
    }

    /**
     * A file named in the block must be absolute (or {@code ~/...}): the provider block resolves
     * relative paths against the configuration directory, which a key provider is not told.
     */
    private static void relativeFile(StoreRead store, String file, String attribute) throws EncryptionException {
        if (file != null && !file.startsWith("~/") && !Path.of(file).isAbsolute()) {
            throw new EncryptionException("Key provider " + store.keyProvider() + ": " + attribute + " must be an"
                    + " absolute path or start with ~/ in a key_provider block; \"" + file + "\" is relative.",
                    attribute);
        }
    }

    private static boolean isKeyArgument(String name) {
        for (String s : KEY_ARGUMENTS) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
