package dev.lockstep.secrets.keys;

import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.HEADER;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY1;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY1_TEXT;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.KEY2_TEXT;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.NOT_A_KEY;
import static dev.lockstep.secrets.keys.VaultKvKeyProviderTest.STATE;
import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.secrets.testing.Hcl2;
import dev.lockstep.state.crypto.AesGcm;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.crypto.EncryptionException;
import dev.lockstep.state.crypto.KeyProvider;
import dev.lockstep.state.crypto.Opened;
import dev.lockstep.state.crypto.StaticKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code key_provider "aws_secretsmanager"} through the real SDK client against the Secrets Manager emulator. */
class SecretsManagerKeyProviderTest {

    static final String REGION = "us-east-1";
    static final String WRONG_SECRET_KEY = "CANARY23-wrong-secret-access-key";

    @TempDir
    Path dir;
    private SecretsManagerEmulator sm;
    private final SecretsManagerKeyProviderFactory factory = new SecretsManagerKeyProviderFactory();

    @BeforeEach
    void start() {
        sm = new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults());
        sm.start();
    }

    @AfterEach
    void stop() {
        sm.stop();
    }

    /** An environment with the emulator's keys, a region and no instance metadata. */
    private Map<String, String> env(String secretKey) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_REGION", REGION));
        env.put("AWS_ACCESS_KEY_ID", AwsSettings.DEFAULT_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        return env;
    }

    private String args(String id, String extra) {
        return "secret_id = " + quote(id) + "\nendpoint = " + quote(sm.baseUri().toString()) + "\n" + extra;
    }

    private KeyProvider open(String label, String hcl) throws EncryptionException {
        return factory.open(label, Hcl2.decode(hcl, factory.schema()), env(AwsSettings.DEFAULT_SECRET_KEY), Map.of());
    }

    private EncryptionException refused(String hcl, Map<String, String> env, Map<String, String> sandbox) {
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> factory.open("main", Hcl2.decode(hcl, factory.schema()), env, sandbox));
        assertNoSecret(e.getMessage());
        return e;
    }

    private EncryptionException refused(String hcl) {
        return refused(hcl, env(AwsSettings.DEFAULT_SECRET_KEY), Map.of());
    }

    static void assertNoSecret(String text) {
        VaultKvKeyProviderTest.assertNoSecret(text);
        for (String canary : List.of(WRONG_SECRET_KEY, AwsSettings.DEFAULT_SECRET_KEY)) {
            assertFalse(text.contains(canary), () -> "a secret in: " + text);
        }
    }

    @Test
    void aPlainSecretStringKeySealsAndOpensAFile() throws Exception {
        String arn = sm.createSecret(REGION, "lockstep/state-key", KEY1_TEXT);
        KeyProvider p = open("main", args("lockstep/state-key", ""));
        assertEquals("aws_secretsmanager.main", p.name());
        String keyId = ((StaticKeyProvider) p).keyId();
        assertTrue(keyId.startsWith(arn + "#") && keyId.length() > arn.length() + 1, keyId);
        assertArrayEquals(KEY1, p.encryptionKey().key());
        assertNoSecret(p.toString());

        byte[] sealed = Encryption.of(AesGcm.with(p)).seal(HEADER, STATE);
        String text = new String(sealed, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"key_meta\":{\"key_id\":\"" + keyId + "\"}"), text);
        Opened o = Encryption.of(AesGcm.with(open("main", args(arn, "")))).open(sealed, "plan file plan.out");
        assertArrayEquals(STATE, o.plaintext(), "the ARN as secret_id gives the same key id");
    }

    @Test
    void aFieldOfAJsonSecretAndABinarySecret() throws Exception {
        sm.createSecret(REGION, "app/keys", "{\"state\":\"" + KEY1_TEXT + "\",\"other\":\"" + NOT_A_KEY + "\"}");
        KeyProvider p = open("main", args("app/keys", "field = \"state\"\n"));
        assertArrayEquals(KEY1, p.encryptionKey().key());

        sm.createBinarySecret(REGION, "app/binary", KEY1);
        assertArrayEquals(KEY1, open("bin", args("app/binary", "")).encryptionKey().key());
    }

    @Test
    void fieldProblemsAreNamed() {
        sm.createSecret(REGION, "app/keys", "{\"state\":\"" + KEY1_TEXT + "\",\"other\":\"" + NOT_A_KEY + "\"}");
        EncryptionException wrong = refused(args("app/keys", "field = \"plan\"\n"));
        assertTrue(wrong.getMessage().matches("Key provider aws_secretsmanager\\.main: Secrets Manager secret app/keys"
                + " \\(version [-0-9a-f]+\\) has no field \"plan\" \\(its fields: other, state\\)\\. Set field to the"
                + " one that holds the key\\."), wrong.getMessage());
        assertEquals(Optional.of("field"), wrong.attribute());

        EncryptionException noField = refused(args("app/keys", ""));
        assertTrue(noField.getMessage().contains("must be exactly 32 bytes"), noField.getMessage());
        assertTrue(noField.getMessage().endsWith("The SecretString is a JSON object: set field to the member that"
                + " holds the key."), noField.getMessage());

        sm.createSecret(REGION, "app/plain", KEY2_TEXT);
        EncryptionException notJson = refused(args("app/plain", "field = \"key\"\n"));
        assertTrue(notJson.getMessage().contains("is not a JSON object, so it has no field \"key\""),
                notJson.getMessage());

        sm.createBinarySecret(REGION, "app/binary", KEY1);
        EncryptionException binary = refused(args("app/binary", "field = \"key\"\n"));
        assertTrue(binary.getMessage().contains("is a binary secret, which has no fields"), binary.getMessage());
    }

    @Test
    void aMissingSecretIsNamed() {
        EncryptionException e = refused(args("lockstep/none", ""));
        assertEquals("Key provider aws_secretsmanager.main cannot read its key from Secrets Manager secret"
                + " lockstep/none (AWSCURRENT): Secret not found: lockstep/none. Secrets Manager has no secret"
                + " \"lockstep/none\" in region us-east-1. Check the name or ARN, and the region of the key provider.",
                e.getMessage());
        assertEquals(Optional.of("secret_id"), e.attribute());
    }

    @Test
    void aValueThatIsNotThirtyTwoBytesIsRefusedWithItsLengthOnly() {
        sm.createSecret(REGION, "lockstep/short", NOT_A_KEY);
        EncryptionException e = refused(args("lockstep/short", ""));
        assertTrue(e.getMessage().matches("Secrets Manager secret lockstep/short \\(version [-0-9a-f]+\\), does not"
                + " hold a usable key\\. Key provider aws_secretsmanager\\.main: the key must be exactly 32 bytes, raw"
                + " or base64-encoded, but the secret has 24 bytes that are neither;.*"), e.getMessage());

        sm.createBinarySecret(REGION, "lockstep/binary", new byte[31]);
        assertTrue(refused(args("lockstep/binary", "")).getMessage().contains("SecretBinary, does not hold a usable"
                + " key. Key provider aws_secretsmanager.main: the key must be exactly 32 bytes, raw or"
                + " base64-encoded, but the secret has 31 bytes"));
    }

    @Test
    void aNewVersionIsAKeyIdMismatchAndAwsPreviousIsTheFallback() throws Exception {
        sm.createSecret(REGION, "lockstep/key", KEY1_TEXT);
        KeyProvider first = open("main", args("lockstep/key", ""));
        byte[] sealed = Encryption.of(AesGcm.with(first)).seal(HEADER, STATE);

        String v2 = sm.putSecretValue(REGION, "lockstep/key", KEY2_TEXT);
        KeyProvider rotated = open("main", args("lockstep/key", ""));
        assertTrue(((StaticKeyProvider) rotated).keyId().endsWith("#" + v2));
        EncryptionException e = assertThrows(EncryptionException.class,
                () -> Encryption.of(AesGcm.with(rotated)).open(sealed, ".lockstep/state.json"));
        assertNoSecret(e.getMessage());
        assertTrue(e.getMessage().contains("with key id \"" + ((StaticKeyProvider) first).keyId() + "\", but that"
                + " provider now holds key id \"" + ((StaticKeyProvider) rotated).keyId() + "\""), e.getMessage());

        Encryption rotation = Encryption.of(AesGcm.with(open("next", args("lockstep/key", ""))),
                Optional.of(AesGcm.with(open("main", args("lockstep/key", "version_stage = \"AWSPREVIOUS\"\n")))),
                false);
        Opened o = rotation.open(sealed, ".lockstep/state.json");
        assertArrayEquals(STATE, o.plaintext());
        assertTrue(o.usedFallback());
    }

    @Test
    void rejectedCredentialsAreNamedWithoutTheKey() {
        sm.createSecret(REGION, "lockstep/key", KEY1_TEXT);
        EncryptionException e = refused(args("lockstep/key", ""), env(WRONG_SECRET_KEY), Map.of());
        assertTrue(e.getMessage().startsWith("Key provider aws_secretsmanager.main cannot read its key from Secrets"
                + " Manager secret lockstep/key (AWSCURRENT): AWS rejected the credentials."), e.getMessage());
    }

    @Test
    void noRegionNamesTheKeyProviderBlock() {
        Map<String, String> env = env(AwsSettings.DEFAULT_SECRET_KEY);
        env.remove("AWS_REGION");
        EncryptionException e = refused(args("lockstep/key", ""), env, Map.of());
        assertTrue(e.getMessage().startsWith("Key provider aws_secretsmanager.main cannot connect to Secrets Manager"
                + " to read Secrets Manager secret lockstep/key (AWSCURRENT): No AWS region. Set region in the"
                + " key_provider \"aws_secretsmanager\" \"main\" block, AWS_REGION or AWS_DEFAULT_REGION"),
                e.getMessage());
    }

    @Test
    void inSandboxModeTheOverridesWin() throws Exception {
        sm.createSecret(REGION, "lockstep/key", KEY1_TEXT);
        Map<String, String> elsewhere = new HashMap<>(env(WRONG_SECRET_KEY));
        elsewhere.put("AWS_REGION", "eu-west-3");
        Map<String, String> sandbox = Map.of("endpoint", sm.baseUri().toString(), "region", REGION, "access_key",
                AwsSettings.DEFAULT_ACCESS_KEY, "secret_key", AwsSettings.DEFAULT_SECRET_KEY);
        KeyProvider p = factory.open("main", Hcl2.decode("secret_id = \"lockstep/key\"\nendpoint = \"http://127.0.0.1:9\"\n"
                + "region = \"ap-south-1\"\n", factory.schema()), elsewhere, sandbox);
        assertArrayEquals(KEY1, p.encryptionKey().key());

        EncryptionException e = refused("secret_id = \"lockstep/unseeded\"\n", elsewhere, sandbox);
        assertTrue(e.getMessage().contains("lockstep sandbox put-secret aws lockstep/unseeded VALUE"), e.getMessage());
    }
}
