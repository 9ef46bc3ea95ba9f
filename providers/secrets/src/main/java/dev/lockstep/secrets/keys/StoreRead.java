package dev.lockstep.secrets.keys;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.DataSourceHandler;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.StaticKeyProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One read of a key provider's secret through this module's own secret sources: opens the
 * {@code vault} or {@code aws} provider with settings taken from the {@code key_provider} block (so
 * address, credentials, the environment's defaults and the sandbox override are resolved exactly as
 * for the provider), reads its data source once, and closes it again (a Vault token obtained by
 * logging in is revoked). Every diagnostic becomes one {@link EncryptionException}; the providers'
 * messages never carry a secret value or credential, and the text added here carries only names.
 *
 * @param provider the provider factory ({@code vault}, {@code aws})
 * @param type the key provider type ({@code vault_kv})
 * @param label the key provider's label
 * @param store the store's name for messages ({@code Vault}, {@code Secrets Manager})
 */
record StoreRead(ProviderFactory provider, String type, String label, String store) {

    /** The key provider's name, {@code type.label}. */
    String keyProvider() {
        return type + "." + label;
    }

    /** How the configuration block is written, {@code key_provider "vault_kv" "main"}. */
    String block() {
        return "key_provider \"" + type + "\" \"" + label + "\"";
    }

    /**
     * The key provider over the key read: {@code key} must be 32 bytes, raw or as base64 text. A key
     * that is neither is refused naming {@code what} (the secret, version and field) and the length,
     * never the content.
     */
    StaticKeyProvider key(String keyId, byte[] key, String what) throws EncryptionException {
        try {
            return StaticKeyProvider.create(type, label, keyId, key);
        } catch (EncryptionException e) {
            throw new EncryptionException(what + " does not hold a usable key. " + e.getMessage(),
                    e.attribute().orElse(null));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The data source's value.
     *
     * @param settings the provider settings (an object of the provider's config schema; unset attributes absent)
     * @param dataSource the data source type
     * @param config its configuration
     * @param where the secret for messages ({@code Vault secret secret/lockstep})
     * @param attribute the key provider argument that names the secret, for {@link EncryptionException#attribute()}
     */
    Value read(Value settings, Map<String, String> environment, Map<String, String> sandbox, String dataSource,
            Value config, String where, String attribute) throws EncryptionException {
        OpenResult opened;
        try {
            opened = provider.open(new ProviderConfig(provider.name(), null, settings, environment, null, null,
                    sandbox == null ? Map.of() : sandbox, ProviderLog.NONE));
        } catch (RuntimeException e) {
            throw new EncryptionException("Key provider " + keyProvider() + " cannot connect to " + store + ": it failed"
                    + " unexpectedly (" + e.getClass().getName() + ").");
        }
        if (opened.provider() == null || opened.diagnostics().hasErrors()) {
            close(opened.provider());
            throw new EncryptionException("Key provider " + keyProvider() + " cannot connect to " + store + " to read "
                    + where + ": " + describe(opened.diagnostics()));
        }
        Provider p = opened.provider();
        try {
            DataSourceHandler h = p.dataSource(dataSource);
            DataSourceHandler.DataResponse r = h.read(config);
            if (r.state() == null || r.diagnostics().hasErrors()) {
                throw new EncryptionException("Key provider " + keyProvider() + " cannot read its key from " + where
                        + ": " + describe(r.diagnostics()), attribute);
            }
            return r.state();
        } catch (RuntimeException e) {
            throw new EncryptionException("Key provider " + keyProvider() + " cannot read its key from " + where
                    + ": the read failed unexpectedly (" + e.getClass().getName() + ").", attribute);
        } finally {
            close(p);
        }
    }

    private static void close(Provider p) {
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException e) {
                // closing only releases the client; the key was read or the failure is being reported
            }
        }
    }

    /**
     * The diagnostics as one sentence list, errors first. The providers word their advice for their
     * own block ({@code Set address in the provider "vault" block}); the key provider block takes the
     * same settings, so that advice is pointed at it.
     */
    String describe(Diagnostics d) {
        List<Diagnostic> all = d.asList();
        String text = all.stream().sorted((a, b) -> Boolean.compare(b.isError(), a.isError()))
                .map(x -> end(x.summary()) + " " + x.detail())
                .collect(Collectors.joining(" "));
        return text.replace("provider \"" + provider.name() + "\"", block())
                .replace("the provider block", "the " + block() + " block")
                .replace("the provider's ", "the key provider's ")
                .replace("of the provider", "of the key provider");
    }

    private static String end(String summary) {
        return summary.endsWith(".") ? summary : summary + ".";
    }
}
