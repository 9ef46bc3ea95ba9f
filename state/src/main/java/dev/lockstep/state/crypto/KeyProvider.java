package dev.lockstep.state.crypto;

import java.util.Map;

/**
 * A named source of the key a {@link Method} encrypts with, like an OpenTofu {@code key_provider}
 * block. {@link #name()} is {@code <type>.<label>} (e.g. {@code pbkdf2.main}) and is recorded in
 * every envelope, so that opening picks the provider that sealed it; renaming a provider makes the
 * files it sealed unreadable under the new name.
 *
 * <p>For encryption a provider returns the key and the metadata to store beside the ciphertext
 * (never secret: a salt, an iteration count, a key id). For decryption it recreates or fetches the
 * key from that stored metadata. The metadata is a flat map of {@link String} and {@link Long}
 * values; it is authenticated with the ciphertext (it is part of the envelope header).
 */
public interface KeyProvider {

    /** {@code <type>.<label>}, e.g. {@code pbkdf2.main}. */
    String name();

    /** How many bytes the keys of this provider have. */
    int keyLength();

    /** The key to encrypt with now, and the metadata to store beside the ciphertext. */
    EncryptionKey encryptionKey() throws EncryptionException;

    /**
     * The key that sealed a file, recreated from the metadata stored in it. {@code what} names the
     * file for messages (e.g. {@code .lockstep/state.json}).
     */
    byte[] decryptionKey(Map<String, Object> meta, String what) throws EncryptionException;
}
