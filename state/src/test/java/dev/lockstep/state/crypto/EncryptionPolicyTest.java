package dev.lockstep.state.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy: primary and fallback, plaintext migration both ways, no encryption, and its messages. */
class EncryptionPolicyTest {

    static final String OLD_PASS = "the old passphrase, long enough";
    static final String NEW_PASS = "the new passphrase, also long enough";
    static final byte[] STATE = "{\"version\":1,\"lineage\":\"l\",\"serial\":3}\n".getBytes(StandardCharsets.UTF_8);
    static final Map<String, Object> HEADER = Map.of("version", 1, "lineage", "l", "serial", 3);

    static Pbkdf2KeyProvider oldKeys;
    static Pbkdf2KeyProvider newKeys;

    @BeforeAll
    static void providers() throws EncryptionException {
        oldKeys = pbkdf2("old", OLD_PASS);
        newKeys = pbkdf2("new", NEW_PASS);
    }

    static Pbkdf2KeyProvider pbkdf2(String label, String pass) throws EncryptionException {
        return Pbkdf2KeyProvider.create(label, pass.toCharArray(),
                Pbkdf2KeyProvider.Options.DEFAULTS.withIterations(Pbkdf2KeyProvider.MIN_ITERATIONS));
    }

    @Test
    void roundTrip() throws Exception {
        Encryption enc = Encryption.of(AesGcm.with(newKeys));
        byte[] sealed = enc.seal(HEADER, STATE);
        Opened o = enc.open(sealed, ".lockstep/state.json");
        assertArrayEquals(STATE, o.plaintext());
        assertEquals(Map.of("version", 1L, "lineage", "l", "serial", 3L), o.header());
        assertFalse(o.usedFallback());
        assertFalse(o.wasPlaintext());
        assertTrue(enc.encrypts());
    }

    @Test
    void wrongPassphraseAndChangedFileGiveTheSameMessage() throws Exception {
        byte[] sealed = Encryption.of(AesGcm.with(pbkdf2("main", OLD_PASS))).seal(HEADER, STATE);
        Encryption other = Encryption.of(AesGcm.with(pbkdf2("main", NEW_PASS)));
        EncryptionException wrong = assertThrows(EncryptionException.class, () -> other.open(sealed, ".lockstep/state.json"));
        String expected = "Cannot decrypt .lockstep/state.json (aes_gcm, key provider pbkdf2.main): wrong key, or the file"
                + " was changed. Check the passphrase of key provider pbkdf2.main; if it is right, the file was damaged"
                + " or tampered with: restore it from a snapshot or backup.";
        assertEquals(expected, wrong.getMessage());
        assertFalse(wrong.getMessage().contains(OLD_PASS) || wrong.getMessage().contains(NEW_PASS));

        Encryption right = Encryption.of(AesGcm.with(pbkdf2("main", OLD_PASS)));
        byte[] changed = sealed.clone();
        int p = new String(sealed, StandardCharsets.US_ASCII).indexOf("\"payload\":\"") + 15;
        changed[p] = (byte) (changed[p] == 'A' ? 'B' : 'A');
        assertEquals(expected, assertThrows(EncryptionException.class,
                () -> right.open(changed, ".lockstep/state.json")).getMessage());
        assertArrayEquals(STATE, right.open(sealed, ".lockstep/state.json").plaintext());
    }

    @Test
    void fallbackDecryptsWhileSealingUsesThePrimary() throws Exception {
        byte[] old = Encryption.of(AesGcm.with(oldKeys)).seal(HEADER, STATE);
        Encryption rotating = Encryption.of(AesGcm.with(newKeys), Optional.of(AesGcm.with(oldKeys)), false);
        Opened o = rotating.open(old, "plan file plan.out");
        assertArrayEquals(STATE, o.plaintext());
        assertTrue(o.usedFallback());
        assertFalse(o.wasPlaintext());

        byte[] resealed = rotating.seal(o.header(), o.plaintext());
        assertEquals("pbkdf2.new", Envelope.parse(resealed, "x").keyProvider());
        Opened again = rotating.open(resealed, "plan file plan.out");
        assertFalse(again.usedFallback());
        assertArrayEquals(STATE, Encryption.of(AesGcm.with(newKeys)).open(resealed, "x").plaintext());

        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(AesGcm.with(newKeys)).open(old, "plan file plan.out"));
        assertEquals("plan file plan.out is encrypted (aes_gcm, key provider pbkdf2.old), but this configuration has"
                + " no such key provider (method: aes_gcm with key provider pbkdf2.new, fallback: none). Configure key"
                + " provider pbkdf2.old as the fallback to read it (and rotate to the new one), or as the method's key"
                + " provider.", e.getMessage());
    }

    @Test
    void plaintextIsRefusedUnlessTheFallbackIsUnencrypted() throws Exception {
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(AesGcm.with(newKeys)).open(STATE, ".lockstep/state.json"));
        assertTrue(e.getMessage().startsWith(".lockstep/state.json is not encrypted, but this configuration encrypts"
                + " with aes_gcm with key provider pbkdf2.new and reads only encrypted files."), e.getMessage());
        assertTrue(e.getMessage().contains("add the unencrypted method as the fallback"), e.getMessage());

        Encryption migrating = Encryption.of(AesGcm.with(newKeys), Optional.of(Unencrypted.METHOD), false);
        Opened o = migrating.open(STATE, ".lockstep/state.json");
        assertArrayEquals(STATE, o.plaintext());
        assertTrue(o.wasPlaintext());
        assertTrue(o.usedFallback());
        assertEquals(Map.of(), o.header());
        assertTrue(Envelope.isEncrypted(migrating.seal(HEADER, STATE)), "a migration writes encrypted");
    }

    @Test
    void migratingAwayFromEncryptionWritesPlaintextAndReadsBoth() throws Exception {
        byte[] sealed = Encryption.of(AesGcm.with(newKeys)).seal(HEADER, STATE);
        Encryption leaving = Encryption.of(Unencrypted.METHOD, Optional.of(AesGcm.with(newKeys)), false);
        Opened o = leaving.open(sealed, "x");
        assertTrue(o.usedFallback());
        assertArrayEquals(STATE, o.plaintext());
        assertArrayEquals(STATE, leaving.seal(HEADER, STATE));
        Opened plain = leaving.open(STATE, "x");
        assertTrue(plain.wasPlaintext());
        assertFalse(plain.usedFallback());
    }

    @Test
    void noEncryptionPassesPlaintextAndRefusesEnvelopes() throws Exception {
        assertArrayEquals(STATE, Encryption.NONE.seal(HEADER, STATE));
        Opened o = Encryption.NONE.open(STATE, "x");
        assertTrue(o.wasPlaintext());
        assertFalse(o.usedFallback());
        assertFalse(Encryption.NONE.isConfigured());

        byte[] sealed = Encryption.of(AesGcm.with(pbkdf2("main", OLD_PASS))).seal(HEADER, STATE);
        EncryptionException e = assertThrows(EncryptionException.class, () -> Encryption.NONE.open(sealed, ".lockstep/state.json"));
        assertEquals(".lockstep/state.json is encrypted (aes_gcm, key provider pbkdf2.main) but this configuration has no"
                + " encryption block; configure encryption with key provider pbkdf2.main to read it.", e.getMessage());
    }

    @Test
    void inconsistentPoliciesAreRefused() throws Exception {
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(Unencrypted.METHOD, Optional.empty(), true));
        assertEquals(Optional.of("enforced"), e.attribute());
        e = assertThrows(EncryptionException.class, () -> Encryption.of(AesGcm.with(newKeys),
                Optional.of(AesGcm.with(pbkdf2("new", OLD_PASS))), false));
        assertTrue(e.getMessage().contains("both use key provider pbkdf2.new"), e.getMessage());
        AesGcm same = AesGcm.with(newKeys);
        assertThrows(EncryptionException.class, () -> Encryption.of(same, Optional.of(same), false));
        e = assertThrows(EncryptionException.class, () -> AesGcm.with(Pbkdf2KeyProvider.create("short",
                OLD_PASS.toCharArray(), Pbkdf2KeyProvider.Options.DEFAULTS.withKeyLength(16))));
        assertEquals("Method aes_gcm is AES-256-GCM and needs a 32-byte key, but key provider pbkdf2.short gives 16-byte"
                + " keys; set key_length = 32 on it.", e.getMessage());
        assertTrue(Encryption.of(AesGcm.with(newKeys), Optional.empty(), true).enforced());
    }

    @Test
    void aCanaryInThePlaintextNeverAppearsInTheSealedBytes() throws Exception {
        String canary = "canary-4f1d9a7e-c0ffee-secret";
        byte[] plain = ("{\"resources\":[{\"attributes\":{\"password\":\"" + canary + "\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        String sealed = new String(Encryption.of(AesGcm.with(newKeys)).seal(HEADER, plain), StandardCharsets.ISO_8859_1);
        assertFalse(sealed.contains(canary));
        assertFalse(leaks(sealed, canary), "the canary leaked into the sealed bytes");
        // the check finds the canary where it is, raw or base64 at any alignment, so it cannot pass vacuously
        assertTrue(leaks(new String(plain, StandardCharsets.ISO_8859_1), canary));
        for (int pad = 0; pad < 3; pad++) {
            byte[] shifted = new byte[plain.length + pad];
            System.arraycopy(plain, 0, shifted, pad, plain.length);
            assertTrue(leaks(Base64.getEncoder().encodeToString(shifted), canary), "alignment " + pad);
            assertTrue(leaks(Base64.getUrlEncoder().encodeToString(shifted), canary), "url alignment " + pad);
        }
    }

    /** Whether {@code text} holds the canary raw, or base64 (standard or URL-safe) of it at any byte alignment. */
    static boolean leaks(String text, String canary) {
        if (text.contains(canary)) {
            return true;
        }
        byte[] c = canary.getBytes(StandardCharsets.UTF_8);
        for (int s = 0; s < 3; s++) {
            byte[] aligned = java.util.Arrays.copyOfRange(c, s, s + (c.length - s) / 3 * 3);
            if (text.contains(Base64.getEncoder().encodeToString(aligned))
                    || text.contains(Base64.getUrlEncoder().encodeToString(aligned))) {
                return true;
            }
        }
        return false;
    }
}
