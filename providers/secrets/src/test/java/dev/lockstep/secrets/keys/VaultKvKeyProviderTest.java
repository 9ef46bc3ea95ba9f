package dev.lockstep.secrets.keys;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.vault.VaultEmulator;
import dev.lockstep.sandbox.vault.VaultSettings;
import dev.lockstep.secrets.testing.Hcl2;
import dev.lockstep.state.crypto.AesGcm;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.Envelope;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.Opened;
import dev.lockstep.state.crypto.StaticKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code key_provider "vault_kv"} through the real Vault driver against the Vault emulator. */
class VaultKvKeyProviderTest {

    /** Two keys as base64 text; neither may ever appear in a message. */
    static final byte[] KEY1 = bytes(0x40);
    static final byte[] KEY2 = bytes(0x80);
    static final String KEY1_TEXT = Base64.getEncoder().encodeToString(KEY1);
    static final String KEY2_TEXT = Base64.getEncoder().encodeToString(KEY2);
    /** A value that is not a key. */
    static final String NOT_A_KEY = "CANARY21-not-a-key-value";
    static final String BAD_TOKEN = "hvs.CANARY22badtoken";
    static final byte[] STATE = "{\"version\":1,\"lineage\":\"l\",\"serial\":3}\n".getBytes(StandardCharsets.UTF_8);
    static final Map<String, Object> HEADER = Map.of("version", 1, "lineage", "l", "serial", 3);

    @TempDir
    Path dir;
    private VaultEmulator vault;
    private final VaultKvKeyProviderFactory factory = new VaultKvKeyProviderFactory();

    static byte[] bytes(int first) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    @BeforeEach
    void start() {
        vault = new VaultEmulator(new VaultSettings(), EmulatorServer.Options.defaults());
        vault.start();
    }

    @AfterEach
    void stop() {
        vault.stop();
    }

    private Map<String, String> env(String token) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "VAULT_ADDR",
                vault.baseUri().toString()));
        if (token != null) {
            env.put("VAULT_TOKEN", token);
        }
        return env;
    }

    private KeyProvider open(String label, String hcl) throws EncryptionException {
        return open(label, hcl, env(vault.rootToken()), Map.of());
    }

    private KeyProvider open(String label, String hcl, Map<String, String> env, Map<String, String> sandbox)
            throws EncryptionException {
        return factory.open(label, Hcl2.decode(hcl, factory.schema()), env, sandbox);
    }

    private EncryptionException refused(String hcl) {
        return refused(hcl, env(vault.rootToken()), Map.of());
    }

    private EncryptionException refused(String hcl, Map<String, String> env, Map<String, String> sandbox) {
        EncryptionException e = assertThrows(EncryptionException.class, () -> open("main", hcl, env, sandbox));
        assertNoSecret(e.getMessage());
        return e;
    }

    static void assertNoSecret(String text) {
        for (String canary : List.of(KEY1_TEXT, KEY2_TEXT, NOT_A_KEY, BAD_TOKEN, "CANARY")) {
            assertFalse(text.contains(canary), () -> "a secret in: " + text);
        }
    }

    private static String path(String p) {
        return "path = " + quote(p) + "\n";
    }

    @Test
    void theKeyIsReadAndSealsAndOpensAFile() throws Exception {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT, "note", "x"));
        KeyProvider p = open("main", path("lockstep"));
        assertEquals("vault_kv.main", p.name());
        assertEquals("secret/lockstep#1", ((StaticKeyProvider) p).keyId());
        assertArrayEquals(KEY1, p.encryptionKey().key());
        assertEquals(Map.of("key_id", "secret/lockstep#1"), p.encryptionKey().meta());
        assertNoSecret(p.toString());

        Encryption enc = Encryption.of(AesGcm.with(p));
        byte[] sealed = enc.seal(HEADER, STATE);
        assertTrue(Envelope.isEncrypted(sealed));
        String text = new String(sealed, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"key_provider\":\"vault_kv.main\",\"key_meta\":{\"key_id\":\"secret/lockstep#1\"}"),
                text);

        // the next command fetches the key again and opens the file
        Encryption again = Encryption.of(AesGcm.with(open("main", path("lockstep"))));
        Opened o = again.open(sealed, ".lockstep/state.json");
        assertArrayEquals(STATE, o.plaintext());
        assertFalse(o.usedFallback());
    }

    @Test
    void fieldMountAndRawTextKeys() throws Exception {
        String raw = "0123456789abcdefghijklmnopqrstuv";
        vault.mount("team/kv");
        vault.putSecret("team/kv/apps/lockstep", Map.of("state_key", raw));
        KeyProvider p = open("raw", "mount = \"/team/kv/\"\n" + path("/apps/lockstep") + "field = \"state_key\"\n");
        assertArrayEquals(raw.getBytes(StandardCharsets.US_ASCII), p.encryptionKey().key());
        assertEquals("team/kv/apps/lockstep#1", ((StaticKeyProvider) p).keyId(), "the id uses the normalized path");
    }

    @Test
    void aWrongFieldNamesTheSecretAndItsFields() {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT, "other", NOT_A_KEY));
        EncryptionException e = refused(path("lockstep") + "field = \"state\"\n");
        assertEquals("Key provider vault_kv.main: Vault secret secret/lockstep (version 1) has no field \"state\""
                + " (its fields: key, other). Set field to the one that holds the key.", e.getMessage());
        assertEquals(Optional.of("field"), e.attribute());
    }

    @Test
    void aMissingSecretOrVersionIsNamed() {
        EncryptionException e = refused(path("nothing/here"));
        assertTrue(e.getMessage().startsWith("Key provider vault_kv.main cannot read its key from Vault secret"
                + " secret/nothing/here (latest version): No secret at secret/nothing/here."), e.getMessage());
        assertEquals(Optional.of("path"), e.attribute());

        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        EncryptionException v = refused(path("lockstep") + "version = 4\n");
        assertTrue(v.getMessage().contains("No secret at secret/lockstep (version 4)"), v.getMessage());

        EncryptionException zero = refused(path("lockstep") + "version = 0\n");
        assertTrue(zero.getMessage().contains("\"version\" in key_provider \"vault_kv\" \"main\" must be a whole"
                + " number from 1"), zero.getMessage());
        assertEquals(Optional.of("version"), zero.attribute());
    }

    @Test
    void aValueThatIsNotThirtyTwoBytesIsRefusedWithItsLengthOnly() {
        vault.putSecret("secret/lockstep", Map.of("key", NOT_A_KEY));
        EncryptionException e = refused(path("lockstep"));
        assertTrue(e.getMessage().startsWith("Vault secret secret/lockstep (version 1), field \"key\", does not hold"
                + " a usable key. Key provider vault_kv.main: the key must be exactly 32 bytes, raw or"
                + " base64-encoded, but the secret has " + NOT_A_KEY.length() + " bytes"), e.getMessage());

        vault.putSecret("secret/short", Map.of("key", Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(refused(path("short")).getMessage().contains("must be exactly 32 bytes"));
    }

    @Test
    void aNewVersionOfTheSecretIsAKeyIdMismatchAndTheOldVersionIsTheFallback() throws Exception {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        byte[] sealed = Encryption.of(AesGcm.with(open("main", path("lockstep")))).seal(HEADER, STATE);

        vault.putSecret("secret/lockstep", Map.of("key", KEY2_TEXT));
        KeyProvider rotated = open("main", path("lockstep"));
        assertEquals("secret/lockstep#2", ((StaticKeyProvider) rotated).keyId());
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(AesGcm.with(rotated)).open(sealed, ".lockstep/state.json"));
        assertNoSecret(e.getMessage());
        assertTrue(e.getMessage().contains("it was encrypted by key provider vault_kv.main with key id"
                + " \"secret/lockstep#1\", but that provider now holds key id \"secret/lockstep#2\""), e.getMessage());

        // rotation: the new version under a new name, the old one pinned as the fallback
        Encryption rotation = Encryption.of(AesGcm.with(open("next", path("lockstep"))),
                Optional.of(AesGcm.with(open("main", path("lockstep") + "version = 1\n"))), false);
        Opened o = rotation.open(sealed, ".lockstep/state.json");
        assertArrayEquals(STATE, o.plaintext());
        assertTrue(o.usedFallback());
        String resealed = new String(rotation.seal(HEADER, o.plaintext()), StandardCharsets.UTF_8);
        assertTrue(resealed.contains("\"key_provider\":\"vault_kv.next\",\"key_meta\":{\"key_id\":"
                + "\"secret/lockstep#2\"}"), resealed);
    }

    @Test
    void aRejectedTokenIsPermissionDeniedWithoutTheToken() {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        EncryptionException e = refused(path("lockstep"), env(BAD_TOKEN), Map.of());
        assertTrue(e.getMessage().startsWith("Key provider vault_kv.main cannot connect to Vault to read Vault secret"
                + " secret/lockstep (latest version): Vault token rejected. permission denied: the token is invalid,"
                + " expired or revoked (the token from VAULT_TOKEN"), e.getMessage());

        EncryptionException inBlock = refused(path("lockstep") + "token = " + quote(BAD_TOKEN) + "\n",
                env(null), Map.of());
        assertTrue(inBlock.getMessage().contains("the token from the key provider's token setting"),
                inBlock.getMessage());
    }

    @Test
    void noTokenNamesTheKeyProviderBlockAndWhatWasTried() {
        EncryptionException e = refused(path("lockstep"), env(null), Map.of());
        assertTrue(e.getMessage().contains("No Vault token. Tried the key provider's token setting, VAULT_TOKEN, the"
                + " token helper file " + dir.resolve(".vault-token")), e.getMessage());
        assertTrue(e.getMessage().contains("in the key_provider \"vault_kv\" \"main\" block"), e.getMessage());
        assertFalse(e.getMessage().contains("provider \"vault\""), e.getMessage());
    }

    @Test
    void addressTokenAndTheHelperFileFromTheBlockAndTheEnvironment() throws Exception {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        Files.writeString(dir.resolve(".vault-token"), vault.rootToken() + "\n");
        Map<String, String> noEnv = Map.of("HOME", dir.toString());
        KeyProvider p = open("main", "address = " + quote(vault.baseUri().toString()) + "\n" + path("lockstep"),
                noEnv, Map.of());
        assertArrayEquals(KEY1, p.encryptionKey().key());
    }

    @Test
    void relativeFilesAreRefusedSinceTheConfigurationDirectoryIsUnknown() {
        EncryptionException ca = refused(path("lockstep") + "ca_cert_file = \"certs/ca.pem\"\n");
        assertEquals("Key provider vault_kv.main: ca_cert_file must be an absolute path or start with ~/ in a"
                + " key_provider block; \"certs/ca.pem\" is relative.", ca.getMessage());
        assertEquals(Optional.of("ca_cert_file"), ca.attribute());
        EncryptionException jwt = refused(path("lockstep") + "auth_kubernetes {\n  role = \"r\"\n"
                + "  jwt_path = \"token\"\n}\n");
        assertTrue(jwt.getMessage().contains("auth_kubernetes.jwt_path must be an absolute path"), jwt.getMessage());
    }

    @Test
    void kubernetesAuthFromTheBlockAndItsTokenRevokedAfterTheRead() throws Exception {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        Path jwt = Files.writeString(dir.resolve("sa-token"), "header.payload.sig");
        vault.registerServiceAccountJwt("header.payload.sig", "ci", "lockstep");
        vault.registerKubernetesRole("lockstep", List.of("lockstep"), List.of("ci"), List.of("default"),
                Duration.ofHours(1));
        KeyProvider p = open("main", path("lockstep") + "auth_kubernetes {\n  role = \"lockstep\"\n  jwt_path = "
                + quote(jwt.toString()) + "\n}\n", env(null), Map.of());
        assertArrayEquals(KEY1, p.encryptionKey().key());
        assertEquals(1, vault.requestLog().snapshot().count("POST /v1/auth/token/revoke-self"),
                "the login token is revoked once the key is read");
    }

    @Test
    void inSandboxModeTheOverridesWin() throws Exception {
        vault.putSecret("secret/lockstep", Map.of("key", KEY1_TEXT));
        Map<String, String> elsewhere = Map.of("HOME", dir.toString(), "VAULT_ADDR", "http://127.0.0.1:9",
                "VAULT_TOKEN", BAD_TOKEN);
        Map<String, String> sandbox = Map.of("address", vault.baseUri().toString(), "token", vault.rootToken());
        KeyProvider p = open("main", "address = \"http://127.0.0.1:9\"\n" + path("lockstep"), elsewhere, sandbox);
        assertArrayEquals(KEY1, p.encryptionKey().key());

        EncryptionException e = refused(path("unseeded"), elsewhere, sandbox);
        assertTrue(e.getMessage().contains("lockstep sandbox put-secret vault secret/unseeded KEY=VALUE"),
                e.getMessage());
    }
}
