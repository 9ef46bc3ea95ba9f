package dev.lockstep.state.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pbkdf2 and static key providers: known answers, OpenTofu's defaults and limits, caching, errors. */
class KeyProviderTest {

    static final String PASS = "correct horse battery staple";
    static final String SALT = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // bytes 0..31

    static Map<String, Object> meta(long iterations, String hash) {
        return Map.of("salt", SALT, "iterations", iterations, "hash_function", hash, "key_length", 32L);
    }

    /** Expected values computed independently with Python's hashlib.pbkdf2_hmac. */
    @Test
    void pbkdf2KnownAnswers() throws Exception {
        Pbkdf2KeyProvider p = Pbkdf2KeyProvider.create("main", PASS.toCharArray());
        assertEquals("aab1c128bc6d024f288f97441f7b8307e32850cb702e66e70d435bab762d2d04",
                HexFormat.of().formatHex(p.decryptionKey(meta(600_000, "sha512"), "x")));
        assertEquals("5c74266ed4bf466efdc5e45163cda9427ef19efc78a7e16ebff3399ce7100195",
                HexFormat.of().formatHex(p.decryptionKey(meta(200_000, "sha256"), "x")));
    }

    @Test
    void pbkdf2UsesOpenTofusDefaultsAndAFreshSaltPerInstance() throws Exception {
        Pbkdf2KeyProvider p = Pbkdf2KeyProvider.create("main", PASS.toCharArray());
        assertEquals("pbkdf2.main", p.name());
        assertEquals(new Pbkdf2KeyProvider.Options(32, 600_000, "sha512", 32), p.options());
        EncryptionKey k = p.encryptionKey();
        assertEquals(32, k.key().length);
        assertEquals(600_000L, k.meta().get("iterations"));
        assertEquals("sha512", k.meta().get("hash_function"));
        assertEquals(32L, k.meta().get("key_length"));
        assertEquals(32, Base64.getDecoder().decode((String) k.meta().get("salt")).length);
        assertFalse(k.toString().contains(HexFormat.of().formatHex(k.key())));
        Pbkdf2KeyProvider q = Pbkdf2KeyProvider.create("main", PASS.toCharArray(),
                Pbkdf2KeyProvider.Options.DEFAULTS.withIterations(Pbkdf2KeyProvider.MIN_ITERATIONS));
        assertNotEquals(k.meta().get("salt"), q.encryptionKey().meta().get("salt"));
    }

    @Test
    void pbkdf2DerivesOncePerSalt() throws Exception {
        Pbkdf2KeyProvider writer = Pbkdf2KeyProvider.create("main", PASS.toCharArray(),
                Pbkdf2KeyProvider.Options.DEFAULTS.withIterations(Pbkdf2KeyProvider.MIN_ITERATIONS));
        Encryption enc = Encryption.of(AesGcm.with(writer));
        byte[][] files = new byte[5][];
        for (int i = 0; i < files.length; i++) {
            files[i] = enc.seal(Map.of("serial", i), ("{\"serial\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(1, writer.derivations(), "five files sealed, one salt");
        for (byte[] f : files) {
            enc.open(f, "x");
        }
        assertEquals(1, writer.derivations(), "opening its own files reuses the derivation");

        Pbkdf2KeyProvider reader = Pbkdf2KeyProvider.create("main", PASS.toCharArray(),
                Pbkdf2KeyProvider.Options.DEFAULTS.withIterations(Pbkdf2KeyProvider.MIN_ITERATIONS));
        Encryption other = Encryption.of(AesGcm.with(reader));
        for (byte[] f : files) {
            other.open(f, "x");
        }
        assertEquals(1, reader.derivations(), "another process pays once for the writer's salt");
        other.seal(Map.of(), new byte[] {1});
        other.seal(Map.of(), new byte[] {2});
        assertEquals(2, reader.derivations(), "and once for its own salt");
    }

    @Test
    void pbkdf2RefusesShortPassphrasesAndOptionsOutsideOpenTofusLimits() throws Exception {
        String fifteen = "fifteen chars!!";
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Pbkdf2KeyProvider.create("main", fifteen.toCharArray()));
        assertEquals("Key provider pbkdf2.main: the passphrase is too short (15 characters); it must have at least 16.",
                e.getMessage());
        assertEquals(Optional.of("passphrase"), e.attribute());
        assertFalse(e.getMessage().contains(fifteen));
        assertEquals("pbkdf2.main", Pbkdf2KeyProvider.create("main", (fifteen + "!").toCharArray()).name());
        assertEquals(Optional.of("passphrase"), assertThrows(EncryptionException.class,
                () -> Pbkdf2KeyProvider.create("main", new char[0])).attribute());

        Pbkdf2KeyProvider.Options d = Pbkdf2KeyProvider.Options.DEFAULTS;
        e = assertThrows(EncryptionException.class, () -> Pbkdf2KeyProvider.create("main", PASS.toCharArray(),
                d.withIterations(199_999)));
        assertEquals(Optional.of("iterations"), e.attribute());
        assertTrue(e.getMessage().contains("iterations must be between 200000 and 10000000, not 199999"), e.getMessage());
        assertEquals(Optional.of("hash_function"), assertThrows(EncryptionException.class,
                () -> Pbkdf2KeyProvider.create("main", PASS.toCharArray(), d.withHashFunction("md5"))).attribute());
        assertEquals(Optional.of("salt_length"), assertThrows(EncryptionException.class,
                () -> Pbkdf2KeyProvider.create("main", PASS.toCharArray(), d.withSaltLength(0))).attribute());
        assertEquals(Optional.of("key_length"), assertThrows(EncryptionException.class,
                () -> Pbkdf2KeyProvider.create("main", PASS.toCharArray(), d.withKeyLength(0))).attribute());
        assertThrows(EncryptionException.class, () -> Pbkdf2KeyProvider.create("9 bad", PASS.toCharArray()));
    }

    @Test
    void pbkdf2RefusesMetadataThatWouldWeakenOrStallDerivation() throws Exception {
        Pbkdf2KeyProvider p = Pbkdf2KeyProvider.create("main", PASS.toCharArray());
        for (Map<String, Object> bad : java.util.List.of(meta(1_000, "sha512"), meta(2_000_000_000L, "sha512"),
                meta(600_000, "md5"), Map.<String, Object>of("salt", SALT))) {
            EncryptionException e = assertThrows(EncryptionException.class, () -> p.decryptionKey(bad, "state.json"));
            assertTrue(e.getMessage().startsWith("Cannot decrypt state.json: the key metadata stored for key provider"
                    + " pbkdf2.main is not usable"), e.getMessage());
        }
        assertEquals(0, p.derivations());
    }

    @Test
    void staticKeysAreExactly32BytesRawOrBase64() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x40 + i);
        }
        StaticKeyProvider raw = StaticKeyProvider.create("vault_kv", "main", "secret/lockstep#3", key);
        StaticKeyProvider b64 = StaticKeyProvider.create("vault_kv", "main", "secret/lockstep#3",
                (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
        StaticKeyProvider url = StaticKeyProvider.create("vault_kv", "main", "secret/lockstep#3",
                Base64.getUrlEncoder().withoutPadding().encodeToString(key).getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = Encryption.of(AesGcm.with(raw)).seal(Map.of(), "x".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Encryption.of(AesGcm.with(b64)).open(sealed, "x").plaintext());
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Encryption.of(AesGcm.with(url)).open(sealed, "x").plaintext());
        assertEquals(Map.of("key_id", "secret/lockstep#3"), Envelope.parse(sealed, "x").keyMeta());

        byte[] shortKey = "thirty-one bytes of secret key!".getBytes(StandardCharsets.US_ASCII);
        assertEquals(31, shortKey.length);
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> StaticKeyProvider.create("vault_kv", "main", "k1", shortKey));
        assertEquals("Key provider vault_kv.main: the key must be exactly 32 bytes, raw or base64-encoded, but the secret"
                + " has 31 bytes that are neither; store a key made with e.g. `openssl rand -base64 32`.", e.getMessage());
        assertEquals(Optional.of("key"), e.attribute());
        byte[] b64Of16 = Base64.getEncoder().encode(new byte[16]);
        assertThrows(EncryptionException.class, () -> StaticKeyProvider.create("vault_kv", "main", "k1", b64Of16));
        assertEquals(Optional.of("key_id"), assertThrows(EncryptionException.class,
                () -> StaticKeyProvider.create("vault_kv", "main", " ", key)).attribute());
    }

    @Test
    void staticKeyIdMismatchSaysWhichKeyIsNeeded() throws Exception {
        byte[] key = new byte[32];
        byte[] sealed = Encryption.of(AesGcm.with(StaticKeyProvider.create("aws_sm", "main", "v1", key)))
                .seal(Map.of(), new byte[] {1});
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(AesGcm.with(StaticKeyProvider.create("aws_sm", "main", "v2", key))).open(sealed, "s"));
        assertTrue(e.getMessage().startsWith("Cannot decrypt s: it was encrypted by key provider aws_sm.main with key id"
                + " \"v1\", but that provider now holds key id \"v2\"."), e.getMessage());
    }
}
