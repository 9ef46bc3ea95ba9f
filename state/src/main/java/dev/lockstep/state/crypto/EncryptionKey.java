package dev.lockstep.state.crypto;

import java.util.Arrays;
import java.util.Map;

/**
 * A key to encrypt with and the non-secret metadata to store beside the ciphertext so that the same
 * key can be recreated for decryption. {@link #toString()} never shows the key.
 */
public record EncryptionKey(byte[] key, Map<String, Object> meta) {

    public EncryptionKey {
        key = key.clone();
        meta = Scalars.normalize(meta, "key metadata");
    }

    /** A copy of the key bytes. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptionKey k && Arrays.equals(key, k.key) && meta.equals(k.meta);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + meta.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + key.length + " bytes (sensitive), meta=" + meta + "]";
    }
}
