package dev.lockstep.secrets.aws;

import static dev.lockstep.secrets.testing.Hcl2.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.aws.SecretsManagerEmulator;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.secrets.testing.Opened;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data "aws_secretsmanager_secret"} through the real SDK client against the Secrets Manager emulator. */
class SecretsManagerSecretTest {

    static final String GET = "POST / secretsmanager.GetSecretValue";

    @TempDir
    Path dir;
    private SecretsManagerEmulator sm;
    private Opened opened;
    private final AwsProviderFactory factory = new AwsProviderFactory();

    @BeforeEach
    void start() {
        sm = new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults());
        sm.start();
        opened = new Opened(dir);
    }

    @AfterEach
    void stop() {
        sm.stop();
    }

    /** An environment with the sandbox's keys and no instance metadata. */
    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_REGION", "us-east-1"));
        env.put("AWS_ACCESS_KEY_ID", AwsSettings.DEFAULT_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsSettings.DEFAULT_SECRET_KEY);
        return env;
    }

    private String endpoint() {
        return "endpoint = " + quote(sm.baseUri().toString()) + "\n";
    }

    private Provider open() {
        return opened.openOk(factory, endpoint(), env(), Map.of());
    }

    private static String secret(String id, String extra) {
        return "secret_id = " + quote(id) + "\n" + extra;
    }

    private static String plain(Value v) {
        return v.unmark().asString();
    }

    @Test
    void awsCurrentByDefaultAndAwsPreviousAfterAPut() {
        String arn = sm.createSecret("us-east-1", "app/db", "v1");
        String v2 = sm.putSecretValue("us-east-1", "app/db", "v2");
        Provider p = open();
        sm.requestLog().reset();

        Value current = opened.readOk(p, "aws_secretsmanager_secret", secret("app/db", ""));
        assertEquals("v2", plain(current.get("secret_string")));
        assertTrue(current.get("secret_string").isSensitive());
        assertEquals("AWSCURRENT", current.get("version_stage").asString());
        assertEquals(v2, current.get("version_id").asString());
        assertEquals(List.of(Value.string("AWSCURRENT")), current.get("version_stages").elements());
        assertEquals(arn, current.get("arn").asString());
        assertEquals("app/db", current.get("name").asString());
        assertTrue(current.get("created_date").asString().endsWith("Z"));
        assertTrue(current.get("secret_binary").isNull() && current.get("secret_binary").isSensitive());
        assertTrue(current.get("secret_json").isNull() && current.get("secret_json").isSensitive(),
                "\"v2\" is not a JSON object");
        assertEquals(factory.schema().dataSources().get("aws_secretsmanager_secret").block().impliedType(),
                current.type(), "the state has exactly the schema's shape");

        Value previous = opened.readOk(p, "aws_secretsmanager_secret", secret(arn, "version_stage = \"AWSPREVIOUS\""));
        assertEquals("v1", plain(previous.get("secret_string")));
        assertEquals(List.of(Value.string("AWSPREVIOUS")), previous.get("version_stages").elements());

        assertEquals(2, sm.requestLog().snapshot().count(GET));
        assertEquals(Map.of(GET, 2L), p.requestCounts());
    }

    @Test
    void readsAVersionById() {
        sm.createSecret("us-east-1", "app/db", "v1");
        String v2 = sm.putSecretValue("us-east-1", "app/db", "v2");
        sm.putSecretValue("us-east-1", "app/db", "v3");
        Provider p = open();
        Value s = opened.readOk(p, "aws_secretsmanager_secret", secret("app/db", "version_id = " + quote(v2)));
        assertEquals("v2", plain(s.get("secret_string")));
        assertTrue(s.get("version_stage").isNull(), "no stage asked for");
        assertEquals(List.of(Value.string("AWSPREVIOUS")), s.get("version_stages").elements());

        Diagnostic mismatch = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/db",
                "version_id = " + quote(v2) + "\nversion_stage = \"AWSCURRENT\"")).diagnostics());
        assertEquals("Secret version not found: app/db", mismatch.summary());
        assertTrue(mismatch.detail().contains("but no version " + v2 + " (AWSCURRENT) of it"), mismatch.detail());
    }

    @Test
    void binarySecretsAreBase64() {
        byte[] key = {0, 1, 2, (byte) 0xff, 42};
        sm.createBinarySecret("us-east-1", "tls/key", key);
        Value s = opened.readOk(open(), "aws_secretsmanager_secret", secret("tls/key", ""));
        assertEquals(Base64.getEncoder().encodeToString(key), plain(s.get("secret_binary")));
        assertTrue(s.get("secret_binary").isSensitive());
        assertTrue(s.get("secret_string").isNull() && s.get("secret_json").isNull());
    }

    @Test
    void secretJsonDecodesObjectsOnly() {
        sm.createSecret("us-east-1", "json/strings", "{\"username\":\"svc\",\"password\":\"pw\"}");
        sm.createSecret("us-east-1", "json/mixed", "{\"port\": 5432, \"tls\": true, \"hosts\": [\"a\", \"b\"], "
                + "\"none\": null, \"nested\": {\"k\": 1.50}}");
        sm.createSecret("us-east-1", "json/array", "[\"a\"]");
        sm.createSecret("us-east-1", "json/broken", "{\"a\": ");
        Provider p = open();
        Value strings = opened.readOk(p, "aws_secretsmanager_secret", secret("json/strings", "")).get("secret_json");
        assertTrue(strings.isSensitive() && strings.get("password").isSensitive());
        assertEquals("svc", plain(strings.get("username")));
        assertEquals("pw", plain(strings.get("password")));

        Value mixed = opened.readOk(p, "aws_secretsmanager_secret", secret("json/mixed", "")).get("secret_json");
        assertEquals("5432", plain(mixed.get("port")));
        assertEquals("true", plain(mixed.get("tls")));
        assertEquals("[\"a\",\"b\"]", plain(mixed.get("hosts")));
        assertTrue(mixed.get("none").isNull(), "JSON null is a null element");
        assertEquals("{\"k\":1.50}", plain(mixed.get("nested")), "numbers keep their text");

        assertTrue(opened.readOk(p, "aws_secretsmanager_secret", secret("json/array", "")).get("secret_json")
                .isNull());
        assertTrue(opened.readOk(p, "aws_secretsmanager_secret", secret("json/broken", "")).get("secret_json")
                .isNull());
    }

    @Test
    void aMissingSecretNamesTheSecretId() {
        sm.createSecret("us-east-1", "app/db", "v1");
        Provider p = open();
        Diagnostic missing = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/nope", ""))
                .diagnostics());
        assertEquals("Secret not found: app/nope", missing.summary());
        assertEquals("Secrets Manager has no secret \"app/nope\" in region us-east-1. Check the name or ARN, and the "
                + "region of the provider.", missing.detail());

        Diagnostic stage = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/db",
                "version_stage = \"AWSPREVIOUS\"")).diagnostics());
        assertEquals("Secret version not found: app/db", stage.summary());
        assertTrue(stage.detail().contains("no AWSPREVIOUS of it (Secrets Manager can't find the specified secret "
                + "value for staging label: AWSPREVIOUS)"), stage.detail());

        Provider west = opened.openOk(factory, endpoint() + "region = \"eu-west-1\"", env(), Map.of());
        Diagnostic otherRegion = Opened.onlyError(opened.read(west, "aws_secretsmanager_secret", secret("app/db", ""))
                .diagnostics());
        assertTrue(otherRegion.detail().contains("in region eu-west-1"), otherRegion.detail());
    }

    @Test
    void noCredentialsIsOneDiagnosticListingWhatWasTried() {
        sm.createSecret("us-east-1", "app/db", "v1");
        sm.requestLog().reset();
        OpenResult r = opened.open(factory, endpoint(), Map.of("HOME", dir.toString(), "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true"), Map.of());
        assertNull(r.provider());
        Diagnostic e = Opened.onlyError(r.diagnostics());
        assertEquals("No AWS credentials", e.summary());
        assertTrue(e.detail().contains("Tried: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: not set; profile "
                + "\"default\": not in " + dir.resolve(".aws/credentials") + " or " + dir.resolve(".aws/config")
                + "; container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not set; EC2 "
                + "instance metadata: disabled by AWS_EC2_METADATA_DISABLED."), e.detail());
        assertEquals(0, sm.requestLog().snapshot().total(), "nothing is sent without credentials");
    }

    @Test
    void noRegionIsADiagnostic() {
        Map<String, String> env = env();
        env.remove("AWS_REGION");
        Diagnostic e = Opened.onlyError(opened.open(factory, endpoint(), env, Map.of()).diagnostics());
        assertEquals("No AWS region", e.summary());
    }

    @Test
    void wrongKeysAreRejectedWithoutEchoingThem() {
        sm.createSecret("us-east-1", "app/db", "v1");
        Map<String, String> env = env();
        env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-key-12345");
        Provider p = opened.openOk(factory, endpoint(), env, Map.of());
        Diagnostic e = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/db", ""))
                .diagnostics());
        assertEquals("AWS rejected the credentials", e.summary());
        assertTrue(e.detail().startsWith("Reading secret \"app/db\" in us-east-1 failed with InvalidSignatureException: "),
                e.detail());
        assertFalse(e.detail().contains("wrong-secret-key-12345"));
    }

    @Test
    void profilesFromTheSharedFilesGiveKeysAndRegion() throws Exception {
        sm.createSecret("eu-west-1", "app/db", "from-profile");
        Path aws = java.nio.file.Files.createDirectories(dir.resolve(".aws"));
        java.nio.file.Files.writeString(aws.resolve("credentials"), "[ci]\naws_access_key_id = "
                + AwsSettings.DEFAULT_ACCESS_KEY + "\naws_secret_access_key = " + AwsSettings.DEFAULT_SECRET_KEY + "\n");
        java.nio.file.Files.writeString(aws.resolve("config"), "[profile ci]\nregion = eu-west-1\n");
        Map<String, String> env = Map.of("HOME", dir.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                // the profile named in the block wins over keys in the environment
                "AWS_ACCESS_KEY_ID", "AKIAOTHER", "AWS_SECRET_ACCESS_KEY", "other-secret");
        Provider p = opened.openOk(factory, endpoint() + "profile = \"ci\"", env, Map.of());
        assertEquals("from-profile", plain(opened.readOk(p, "aws_secretsmanager_secret", secret("app/db", ""))
                .get("secret_string")));
        assertTrue(opened.log.lines().stream().anyMatch(l -> l.contains("region eu-west-1") && l.contains(
                "credentials from profile \"ci\"")), opened.log.lines().toString());

        Diagnostic missing = Opened.onlyError(opened.open(factory, endpoint() + "profile = \"nope\"\nregion = "
                + "\"eu-west-1\"", env, Map.of()).diagnostics());
        assertTrue(missing.detail().contains("Tried: profile \"nope\": not in "), missing.detail());
    }

    @Test
    void staticKeysInTheBlockWorkWithAWarning() {
        sm.createSecret("us-east-1", "app/db", "v1");
        OpenResult r = opened.open(factory, endpoint() + "region = \"us-east-1\"\naccess_key = "
                + quote(AwsSettings.DEFAULT_ACCESS_KEY) + "\nsecret_key = " + quote(AwsSettings.DEFAULT_SECRET_KEY),
                Map.of("HOME", dir.toString()), Map.of());
        assertEquals(List.of("Static AWS keys in configuration"), r.diagnostics().asList().stream()
                .map(Diagnostic::summary).toList());
        assertFalse(r.diagnostics().hasErrors());
        assertEquals("v1", plain(opened.readOk(r.provider(), "aws_secretsmanager_secret", secret("app/db", ""))
                .get("secret_string")));

        Diagnostic half = Opened.onlyError(opened.open(factory, "access_key = \"AKIA1234\"", env(), Map.of())
                .diagnostics());
        assertEquals("Incomplete AWS access key", half.summary());
    }

    @Test
    void sandboxOverrideGivesEndpointRegionAndKeys() {
        sm.createSecret("us-east-1", "app/db", "v1");
        Provider p = opened.openOk(factory, "region = \"eu-central-1\"\nendpoint = \"https://secretsmanager.invalid\"",
                Map.of("HOME", dir.toString()), Map.of("endpoint", sm.baseUri().toString(), "region", "us-east-1",
                        "access_key", AwsSettings.DEFAULT_ACCESS_KEY, "secret_key", AwsSettings.DEFAULT_SECRET_KEY));
        assertEquals("v1", plain(opened.readOk(p, "aws_secretsmanager_secret", secret("app/db", ""))
                .get("secret_string")));
        Diagnostic missing = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/nope", ""))
                .diagnostics());
        assertTrue(missing.detail().contains("store the secret with `lockstep sandbox put-secret aws app/nope "
                + "VALUE`"), missing.detail());
    }

    @Test
    void retriesAreCountedPerAttempt() {
        sm.createSecret("us-east-1", "app/db", "v1");
        Provider noRetry = opened.openOk(factory, endpoint() + "max_retries = 0", env(), Map.of());
        Provider twoRetries = opened.openOk(factory, endpoint() + "max_retries = 2", env(), Map.of());
        Provider sdkDefault = open();
        sm.faults().serverErrorRate(1.0, 3);
        sm.requestLog().reset();
        Diagnostic e = Opened.onlyError(opened.read(noRetry, "aws_secretsmanager_secret", secret("app/db", ""))
                .diagnostics());
        assertEquals("Cannot read secret app/db", e.summary());
        assertTrue(e.detail().matches("Secrets Manager answered HTTP 50[03] .*"), e.detail());
        assertEquals(1L, noRetry.requestCounts().get(GET));
        opened.read(twoRetries, "aws_secretsmanager_secret", secret("app/db", ""));
        assertEquals(3L, twoRetries.requestCounts().get(GET));
        assertEquals(4, sm.requestLog().snapshot().count(GET), "the provider counts what the server saw");
        opened.read(sdkDefault, "aws_secretsmanager_secret", secret("app/db", ""));
        assertEquals(3L, sdkDefault.requestCounts().get(GET), "the SDK's default since 2.5x: standard mode, 2 retries");
    }

    @Test
    void aSecretScheduledForDeletionSaysSo() {
        sm.createSecret("us-east-1", "app/db", "v1");
        Provider p = open();
        try (var admin = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .endpointOverride(sm.baseUri()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                AwsSettings.DEFAULT_ACCESS_KEY, AwsSettings.DEFAULT_SECRET_KEY)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            admin.deleteSecret(b -> b.secretId("app/db").recoveryWindowInDays(7L));
        }
        Diagnostic e = Opened.onlyError(opened.read(p, "aws_secretsmanager_secret", secret("app/db", ""))
                .diagnostics());
        assertEquals("Cannot read secret app/db", e.summary());
        assertTrue(e.detail().endsWith("Restore the secret to read it again."), e.detail());
    }
}
