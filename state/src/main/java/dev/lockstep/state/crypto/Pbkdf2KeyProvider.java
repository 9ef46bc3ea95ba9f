package dev.lockstep.state.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@code pbkdf2} key provider: keys derived from a passphrase with PBKDF2-HMAC, with OpenTofu's
 * defaults and limits (see {@link Options}). Each instance draws one random salt for the files it
 * seals; every derivation is cached by its parameters (salt, iterations, hash, length), so a
 * process pays for PBKDF2 once per salt, not once per file. The metadata stored beside the
 * ciphertext is {@code salt} (base64), {@code iterations}, {@code hash_function} and
 * {@code key_length}; the passphrase is never stored or shown.
 */
public final class Pbkdf2KeyProvider implements KeyProvider {

    /** {@code pbkdf2}. */
    public static final String TYPE = "pbkdf2";
    /** OpenTofu's minimum passphrase length, in characters. */
    public static final int MIN_PASSPHRASE_CHARS = 16;
    /** OpenTofu's minimum iteration count. */
    public static final int MIN_ITERATIONS = 200_000;
    /**
     * lockstep's maximum iteration count (OpenTofu has none): a file's metadata chooses the
     * iterations used to open it, and a hostile or damaged file must not make lockstep spin.
     */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** lockstep's maximum salt length in bytes (OpenTofu has none), for the same reason. */
    public static final int MAX_SALT_BYTES = 1024;
    /** lockstep's maximum key length in bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Set<String> META = Set.of("salt", "iterations", "hash_function", "key_length");

    /**
     * The settable options, as in OpenTofu: {@code key_length} (bytes, default 32), {@code iterations}
     * (default 600000, at least 200000), {@code hash_function} ({@code sha256} or {@code sha512},
     * default {@code sha512}) and {@code salt_length} (bytes, default 32).
     */
    public record Options(int keyLength, int iterations, String hashFunction, int saltLength) {

        /** OpenTofu's defaults. */
        public static final Options DEFAULTS = new Options(32, 600_000, "sha512", 32);

        /** These options with another key length. */
        public Options withKeyLength(int v) {
            return new Options(v, iterations, hashFunction, saltLength);
        }

        /** These options with another iteration count. */
        public Options withIterations(int v) {
            return new Options(keyLength, v, hashFunction, saltLength);
        }

        /** These options with another hash function. */
        public Options withHashFunction(String v) {
            return new Options(keyLength, iterations, v, saltLength);
        }

        /** These options with another salt length. */
        public Options withSaltLength(int v) {
            return new Options(keyLength, iterations, hashFunction, v);
        }
    }

    /** The parameters of one derivation; the cache key. */
    private record Params(String salt, int iterations, String hash, int keyLength) {
    }

    private final String name;
    private final char[] passphrase;
    private final Options options;
    private final String encryptionSalt;
    private final Map<Params, byte[]> derived = new ConcurrentHashMap<>();
    private final AtomicInteger derivations = new AtomicInteger();

    private Pbkdf2KeyProvider(String name, char[] passphrase, Options options, String encryptionSalt) {
        this.name = name;
        this.passphrase = passphrase;
        this.options = options;
        this.encryptionSalt = encryptionSalt;
    }

    /**
     * The provider {@code pbkdf2.<label>}; the passphrase is copied (the caller may clear its
     * array). A passphrase shorter than 16 characters and options outside OpenTofu's limits are
     * refused with a message naming the attribute.
     */
    public static Pbkdf2KeyProvider create(String label, char[] passphrase, Options options)
            throws EncryptionException {
        String name = TYPE + "." + label;
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new EncryptionException("Key provider pbkdf2: the label \"" + label
                    + "\" is not a valid name (letters, digits, _ and -, not starting with a digit or -).");
        }
        if (passphrase == null || passphrase.length == 0) {
            throw new EncryptionException("Key provider " + name + " has an empty passphrase; set passphrase"
                    + " to at least " + MIN_PASSPHRASE_CHARS + " characters (from a variable or the environment,"
                    + " not written in the configuration).", "passphrase");
        }
        int chars = Character.codePointCount(passphrase, 0, passphrase.length);
        if (chars < MIN_PASSPHRASE_CHARS) {
            throw new EncryptionException("Key provider " + name + ": the passphrase is too short (" + chars
                    + " characters); it must have at least " + MIN_PASSPHRASE_CHARS + ".", "passphrase");
        }
        if (options.keyLength() <= 0 || options.keyLength() > MAX_KEY_BYTES) {
            throw new EncryptionException("Key provider " + name + ": key_length must be between 1 and "
                    + MAX_KEY_BYTES + " bytes (32 for aes_gcm), not " + options.keyLength() + ".", "key_length");
        }
        if (options.iterations() < MIN_ITERATIONS || options.iterations() > MAX_ITERATIONS) {
            throw new EncryptionException("Key provider " + name + ": iterations must be between " + MIN_ITERATIONS
                    + " and " + MAX_ITERATIONS + ", not " + options.iterations()
                    + (options.iterations() < MIN_ITERATIONS ? " (fewer would make the passphrase easy to guess)" : "")
                    + "; the default is " + Options.DEFAULTS.iterations() + ".", "iterations");
        }
        if (!"sha256".equals(options.hashFunction()) && !"sha512".equals(options.hashFunction())) {
            throw new EncryptionException("Key provider " + name + ": hash_function must be \"sha256\" or \"sha512\", not \""
                    + options.hashFunction() + "\".", "hash_function");
        }
        if (options.saltLength() <= 0 || options.saltLength() > MAX_SALT_BYTES) {
            throw new EncryptionException("Key provider " + name + ": salt_length must be between 1 and "
                    + MAX_SALT_BYTES + " bytes, not " + options.saltLength() + ".", "salt_length");
        }
        byte[] salt = new byte[options.saltLength()];
        RANDOM.nextBytes(salt);
        return new Pbkdf2KeyProvider(name, passphrase.clone(), options, Base64.getEncoder().encodeToString(salt));
    }

    /** The provider with OpenTofu's default options. */
    public static Pbkdf2KeyProvider create(String label, char[] passphrase) throws EncryptionException {
        return create(label, passphrase, Options.DEFAULTS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyLength() {
        return options.keyLength();
    }

    /** The options this provider encrypts with. */
    public Options options() {
        return options;
    }

    /** How many PBKDF2 derivations this instance has run (each distinct salt and parameters once). */
    public int derivations() {
        return derivations.get();
    }

    @Override
    public EncryptionKey encryptionKey() {
        Params p = new Params(encryptionSalt, options.iterations(), options.hashFunction(), options.keyLength());
        return new EncryptionKey(derive(p), Map.of("salt", p.salt(), "iterations", (long) p.iterations(),
                "hash_function", p.hash(), "key_length", (long) p.keyLength()));
    }

    @Override
    public byte[] decryptionKey(Map<String, Object> meta, String what) throws EncryptionException {
        if (!META.equals(meta.keySet())) {
            throw unusable(what, "it must have exactly the fields " + String.join(", ", META.stream().sorted().toList()));
        }
        if (!(meta.get("salt") instanceof String salt) || !(meta.get("iterations") instanceof Long iterations)
                || !(meta.get("hash_function") instanceof String hash) || !(meta.get("key_length") instanceof Long length)) {
            throw unusable(what, "a field has the wrong type");
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw unusable(what, "the salt is not base64");
        }
        if (saltBytes.length == 0 || saltBytes.length > MAX_SALT_BYTES
                || !Base64.getEncoder().encodeToString(saltBytes).equals(salt)) {
            throw unusable(what, "the salt is not 1 to " + MAX_SALT_BYTES + " bytes in canonical base64");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw unusable(what, "iterations " + iterations + " is outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (!"sha256".equals(hash) && !"sha512".equals(hash)) {
            throw unusable(what, "hash_function \"" + hash + "\" is not sha256 or sha512");
        }
        if (length != options.keyLength()) {
            throw unusable(what, "key_length " + length + " differs from this provider's " + options.keyLength());
        }
        return derive(new Params(salt, iterations.intValue(), hash, length.intValue())).clone();
    }

    private EncryptionException unusable(String what, String why) {
        return new EncryptionException("Cannot decrypt " + what + ": the key metadata stored for key provider " + name
                + " is not usable (" + why + "); the file was changed or written by other software.");
    }

    private byte[] derive(Params p) {
        return derived.computeIfAbsent(p, k -> {
            derivations.incrementAndGet();
            PBEKeySpec spec = new PBEKeySpec(passphrase, Base64.getDecoder().decode(k.salt()), k.iterations(),
                    k.keyLength() * 8);
            try {
                String alg = "sha256".equals(k.hash()) ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA512";
                return SecretKeyFactory.getInstance(alg).generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2 is unavailable in this Java runtime", e);
            } finally {
                spec.clearPassword();
            }
        });
    }

    @Override
    public String toString() {
        return "Pbkdf2KeyProvider[" + name + ", " + options + "]";
    }
}
