package dev.lockstep.state.crypto;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.value.Value;
import java.util.Map;

/**
 * A key provider type of the {@code encryption} block that fetches its key from a secret store
 * ({@code key_provider "vault_kv" "name"}, {@code key_provider "aws_secretsmanager" "name"}), found
 * with {@link java.util.ServiceLoader}. The factory is light; the store's client is loaded by
 * {@link #open} only. ({@code pbkdf2} is built in.)
 */
public interface KeyProviderFactory {

    /** The first label of the {@code key_provider} block. */
    String type();

    /** The block's arguments. */
    BlockSchema schema();

    /** The sandbox system that stands in for the store with {@code --sandbox} ({@code vault}, {@code aws}). */
    String sandboxSystem();

    /**
     * Fetches the key (32 bytes, raw or base64) and returns a provider named {@code type.label}. A
     * missing secret, a wrong field or an unreachable store is an {@link EncryptionException} that
     * says where it looked, never what it found.
     *
     * @param arguments the decoded block, an object of {@link #schema()}
     * @param environment the process environment (the store's credentials)
     * @param sandbox the sandbox's endpoint and credentials for {@link #sandboxSystem()}, empty when not in sandbox mode
     */
    KeyProvider open(String label, Value arguments, Map<String, String> environment, Map<String, String> sandbox)
            throws EncryptionException;
}
