package dev.lockstep.state.crypto;

import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The encryption policy for one kind of file (state, or plan), like OpenTofu's {@code state} and
 * {@code plan} blocks: a primary {@link Method} that every write uses, an optional fallback that
 * reading may also use (the old key provider while rotating keys, or {@link Unencrypted} while
 * migrating plaintext files to encryption), and {@code enforced}, which refuses an unencrypted
 * primary. Immutable; {@link #NONE} is "no encryption configured".
 *
 * <p>Opening picks the method by the key provider the envelope names: the primary's when it is that
 * one, else the fallback's. Plaintext is read only when the primary or the fallback is
 * {@code unencrypted}. Every refusal is an {@link EncryptionException} whose message names the file,
 * the method and key provider, and the fix; a wrong key and a changed file give the same message,
 * since AES-GCM cannot tell them apart.
 */
public final class Encryption {

    /** No encryption configured: sealing returns the plaintext, and an encrypted file is refused. */
    public static final Encryption NONE = new Encryption(Unencrypted.METHOD, null, false, false);

    private final Method primary;
    private final Method fallback;
    private final boolean enforced;
    private final boolean configured;

    private Encryption(Method primary, Method fallback, boolean enforced, boolean configured) {
        this.primary = primary;
        this.fallback = fallback;
        this.enforced = enforced;
        this.configured = configured;
    }

    /**
     * A configured policy. Refused: a fallback equal to the primary, two methods with the same key
     * provider name (an envelope names only the provider), and {@code enforced} with an
     * {@code unencrypted} primary.
     */
    public static Encryption of(Method primary, Optional<Method> fallback, boolean enforced) throws EncryptionException {
        Method fb = fallback.orElse(null);
        if (enforced && primary instanceof Unencrypted) {
            throw new EncryptionException("Encryption is enforced, so the method cannot be unencrypted; use"
                    + " aes_gcm, or set enforced = false while migrating away from encryption.", "enforced");
        }
        if (fb != null && fb.equals(primary)) {
            throw new EncryptionException("The fallback is the same method as the primary (" + primary.describe()
                    + "); a fallback is for the previous key provider while rotating, or unencrypted while"
                    + " migrating.", "fallback");
        }
        if (primary instanceof AesGcm a && fb instanceof AesGcm b && a.keys().name().equals(b.keys().name())) {
            throw new EncryptionException("The primary and the fallback both use key provider " + a.keys().name()
                    + "; files record only the key provider's name, so the fallback needs its own key provider"
                    + " (e.g. pbkdf2.old beside pbkdf2.new).", "fallback");
        }
        return new Encryption(primary, fb, enforced, true);
    }

    /** A configured policy with a primary method only, not enforced. */
    public static Encryption of(Method primary) throws EncryptionException {
        return of(primary, Optional.empty(), false);
    }

    /** The method every write uses. */
    public Method primary() {
        return primary;
    }

    /** The method reading may also use. */
    public Optional<Method> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** Whether an unencrypted primary is refused. */
    public boolean enforced() {
        return enforced;
    }

    /** Whether an encryption policy was configured at all (false only for {@link #NONE}). */
    public boolean isConfigured() {
        return configured;
    }

    /** Whether writes are encrypted. */
    public boolean encrypts() {
        return primary instanceof AesGcm;
    }

    /**
     * {@code plaintext} sealed with the primary method, with {@code header} stored readable (and
     * authenticated) beside it; with an {@code unencrypted} primary (and for {@link #NONE}) the
     * plaintext itself. Header values are strings, integers, booleans or null.
     */
    public byte[] seal(Map<String, ?> header, byte[] plaintext) throws EncryptionException {
        if (!(primary instanceof AesGcm method)) {
            return plaintext.clone();
        }
        EncryptionKey key = method.keys().encryptionKey();
        Map<String, Object> h = Scalars.normalize(header, "header");
        byte[] aad = Envelope.aad(h, AesGcm.TYPE, method.keys().name(), key.meta());
        byte[] nonce = AesGcm.newNonce();
        byte[] payload = AesGcm.encrypt(key.key(), nonce, aad, plaintext);
        return new Envelope(h, AesGcm.TYPE, method.keys().name(), key.meta(), nonce, payload).toBytes();
    }

    /**
     * Reads what {@link #seal} stored, or plaintext when the policy allows it. {@code what} names
     * the file in messages (e.g. {@code .lockstep/state.json}, {@code plan file plan.out}).
     */
    public Opened open(byte[] stored, String what) throws EncryptionException {
        if (!Envelope.isEncrypted(stored)) {
            if (primary instanceof Unencrypted) {
                return new Opened(stored, Map.of(), false, true);
            }
            if (fallback instanceof Unencrypted) {
                return new Opened(stored, Map.of(), true, true);
            }
            throw new EncryptionException(what + " is not encrypted, but this configuration encrypts with "
                    + primary.describe() + " and reads only encrypted files. If you are moving an unencrypted"
                    + " state or plan to encryption, add the unencrypted method as the fallback for one run"
                    + " (it is re-encrypted when next written).");
        }
        Envelope e = Envelope.parse(stored, what);
        String found = e.method() + ", key provider " + e.keyProvider();
        if (!configured) {
            throw new EncryptionException(what + " is encrypted (" + found + ") but this configuration has no"
                    + " encryption block; configure encryption with key provider " + e.keyProvider()
                    + " to read it.");
        }
        if (!AesGcm.TYPE.equals(e.method())) {
            throw new EncryptionException(what + " is encrypted with method " + e.method()
                    + ", which this lockstep does not know (it knows aes_gcm); use the lockstep that wrote it.");
        }
        AesGcm method;
        boolean usedFallback;
        if (primary instanceof AesGcm p && p.keys().name().equals(e.keyProvider())) {
            method = p;
            usedFallback = false;
        } else if (fallback instanceof AesGcm f && f.keys().name().equals(e.keyProvider())) {
            method = f;
            usedFallback = true;
        } else {
            throw new EncryptionException(what + " is encrypted (" + found + "), but this configuration has no"
                    + " such key provider (method: " + primary.describe() + ", fallback: "
                    + (fallback == null ? "none" : fallback.describe()) + "). Configure key provider "
                    + e.keyProvider() + " as the fallback to read it (and rotate to the new one), or as the"
                    + " method's key provider.");
        }
        byte[] key = method.keys().decryptionKey(e.keyMeta(), what);
        try {
            byte[] plaintext = AesGcm.decrypt(key, e.nonce(), e.aad(), e.payload());
            return new Opened(plaintext, e.header(), usedFallback, false);
        } catch (AEADBadTagException x) {
            throw new EncryptionException("Cannot decrypt " + what + " (" + found + "): wrong key, or the file was"
                    + " changed. Check the " + keyHint(method.keys()) + " of key provider " + e.keyProvider()
                    + "; if it is right, the file was damaged or tampered with: restore it from a snapshot or"
                    + " backup.");
        }
    }

    private static String keyHint(KeyProvider p) {
        return p instanceof Pbkdf2KeyProvider ? "passphrase" : "key";
    }

    /** A description for messages, e.g. {@code aes_gcm with key provider pbkdf2.new, fallback unencrypted}. */
    public String describe() {
        if (!configured) {
            return "no encryption";
        }
        return primary.describe() + (fallback == null ? "" : ", fallback " + fallback.describe())
                + (enforced ? ", enforced" : "");
    }

    @Override
    public String toString() {
        return "Encryption[" + describe() + "]";
    }
}
