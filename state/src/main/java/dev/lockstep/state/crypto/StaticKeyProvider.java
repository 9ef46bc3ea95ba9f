package dev.lockstep.state.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A key provider over raw key bytes obtained elsewhere (e.g. a Vault KV v2 secret or an AWS Secrets
 * Manager secret read through the secret sources): the key must be exactly 32 bytes, given raw or
 * as base64 text of 32 bytes. The metadata stored beside the ciphertext is {@code key_id} (e.g. the
 * secret's path and version), never the key; opening a file sealed under another key id is refused
 * with a message that says which id it needs.
 */
public final class StaticKeyProvider implements KeyProvider {

    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String name;
    private final String keyId;
    private final byte[] key;

    private StaticKeyProvider(String name, String keyId, byte[] key) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
    }

    /**
     * The provider {@code <type>.<label>} (the type names where the key comes from, e.g.
     * {@code vault_kv}) with key id {@code keyId} and key {@code key}: 32 raw bytes, or base64 text
     * (standard or URL-safe alphabet, padding optional) that decodes to 32 bytes. The key is copied.
     */
    public static StaticKeyProvider create(String type, String label, String keyId, byte[] key)
            throws EncryptionException {
        if (type == null || !NAME_PART.matcher(type).matches() || label == null || !NAME_PART.matcher(label).matches()) {
            throw new EncryptionException("Key provider \"" + type + "." + label + "\" is not a valid name (letters,"
                    + " digits, _ and -, not starting with a digit or -).");
        }
        String name = type + "." + label;
        if (keyId == null || keyId.isBlank() || keyId.length() > 256 || keyId.chars().anyMatch(Character::isISOControl)) {
            throw new EncryptionException("Key provider " + name + " needs a key id of 1 to 256 printable characters"
                    + " (e.g. the secret's path and version); it is stored beside the ciphertext.", "key_id");
        }
        byte[] k = key == null ? new byte[0] : key.length == AesGcm.KEY_BYTES ? key.clone() : fromBase64(key);
        if (k == null || k.length != AesGcm.KEY_BYTES) {
            throw new EncryptionException("Key provider " + name + ": the key must be exactly " + AesGcm.KEY_BYTES
                    + " bytes, raw or base64-encoded, but the secret has " + (key == null ? 0 : key.length)
                    + " bytes that are neither; store a key made with e.g. `openssl rand -base64 32`.", "key");
        }
        return new StaticKeyProvider(name, keyId, k);
    }

    private static byte[] fromBase64(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII).strip();
        if (!s.matches("[A-Za-z0-9+/_-]{43}={0,1}")) {
            return null;
        }
        try {
            return s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The id of this provider's key, stored beside the ciphertext. */
    public String keyId() {
        return keyId;
    }

    @Override
    public int keyLength() {
        return AesGcm.KEY_BYTES;
    }

    @Override
    public EncryptionKey encryptionKey() {
        return new EncryptionKey(key, Map.of("key_id", keyId));
    }

    @Override
    public byte[] decryptionKey(Map<String, Object> meta, String what) throws EncryptionException {
        if (meta.size() != 1 || !(meta.get("key_id") instanceof String stored)) {
            throw new EncryptionException("Cannot decrypt " + what + ": the key metadata stored for key provider "
                    + name + " is not usable (it must have exactly a string key_id); the file was changed or written"
                    + " by other software.");
        }
        if (!stored.equals(keyId)) {
            throw new EncryptionException("Cannot decrypt " + what + ": it was encrypted by key provider " + name
                    + " with key id \"" + stored + "\", but that provider now holds key id \"" + keyId
                    + "\". If the key was rotated, configure the old key (id \"" + stored
                    + "\") under another key provider name as the fallback until every file is re-encrypted.");
        }
        return key.clone();
    }

    @Override
    public String toString() {
        return "StaticKeyProvider[" + name + ", key_id=" + keyId + "]";
    }
}
