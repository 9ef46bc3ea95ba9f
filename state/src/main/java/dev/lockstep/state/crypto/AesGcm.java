package dev.lockstep.state.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code aes_gcm} method: AES-256-GCM with a fresh random 12-byte nonce per encryption and a
 * 128-bit tag, with the envelope's header as additional authenticated data, so that a change to any
 * byte of the header, the nonce or the payload fails authentication. Takes its keys from one
 * {@link KeyProvider}, which must give 32-byte keys.
 */
public final class AesGcm implements Method {

    /** {@code aes_gcm}. */
    public static final String TYPE = "aes_gcm";
    /** The key size: AES-256. */
    public static final int KEY_BYTES = 32;
    /** The nonce size recommended for GCM (NIST SP 800-38D). */
    public static final int NONCE_BYTES = 12;
    /** The authentication tag size. */
    public static final int TAG_BITS = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyProvider keys;

    private AesGcm(KeyProvider keys) {
        this.keys = keys;
    }

    /** The method taking its keys from {@code keys}; refused when they are not 32 bytes. */
    public static AesGcm with(KeyProvider keys) throws EncryptionException {
        if (keys.keyLength() != KEY_BYTES) {
            throw new EncryptionException("Method aes_gcm is AES-256-GCM and needs a " + KEY_BYTES
                    + "-byte key, but key provider " + keys.name() + " gives " + keys.keyLength()
                    + "-byte keys; set key_length = " + KEY_BYTES + " on it.", "key_length");
        }
        return new AesGcm(keys);
    }

    /** The key provider this method takes its keys from. */
    public KeyProvider keys() {
        return keys;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return TYPE + " with key provider " + keys.name();
    }

    @Override
    public String toString() {
        return "AesGcm[" + keys.name() + "]";
    }

    static byte[] newNonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** Ciphertext followed by the 16-byte tag. */
    static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is unavailable in this Java runtime", e);
        }
    }

    /** The plaintext, or an AEADBadTagException when the key, nonce, AAD or payload is not the sealed one. */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] payload) throws AEADBadTagException {
        try {
            if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES || payload.length < TAG_BITS / 8) {
                throw new AEADBadTagException("wrong key, nonce or payload length");
            }
            Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
            c.updateAAD(aad);
            return c.doFinal(payload);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is unavailable in this Java runtime", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return c;
    }
}
