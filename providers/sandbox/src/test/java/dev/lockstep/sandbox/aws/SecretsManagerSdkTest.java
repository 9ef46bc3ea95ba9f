package dev.lockstep.sandbox.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.http.EmulatorServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The emulator driven through the real AWS SDK v2 client with the URL-connection HTTP client. */
class SecretsManagerSdkTest {
    private SecretsManagerEmulator sm;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        sm = new SecretsManagerEmulator(new AwsSettings(), EmulatorServer.Options.defaults());
        sm.start();
        client = client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(AwsSettings.DEFAULT_ACCESS_KEY, AwsSettings.DEFAULT_SECRET_KEY)));
    }

    @AfterEach
    void stop() {
        client.close();
        sm.stop();
    }

    private SecretsManagerClient client(AwsCredentialsProvider credentials) {
        return SecretsManagerClient.builder()
                .endpointOverride(sm.baseUri())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .maxAttempts(3)
                        .build()))
                .build();
    }

    @Test
    void putMovesAwsCurrentAndLeavesAwsPrevious() {
        String arn = client.createSecret(b -> b.name("app/db").secretString("v1").description("db password")).arn();
        assertTrue(arn.matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}"), arn);
        String v1 = client.getSecretValue(b -> b.secretId("app/db")).versionId();

        PutSecretValueResponse put2 = client.putSecretValue(b -> b.secretId("app/db").secretString("v2"));
        assertEquals(List.of("AWSCURRENT"), put2.versionStages());
        assertEquals("v2", client.getSecretValue(b -> b.secretId("app/db")).secretString());
        GetSecretValueResponse previous = client.getSecretValue(b -> b.secretId("app/db").versionStage("AWSPREVIOUS"));
        assertEquals("v1", previous.secretString());
        assertEquals(v1, previous.versionId());
        assertEquals(List.of("AWSPREVIOUS"), previous.versionStages());

        String v3 = client.putSecretValue(b -> b.secretId(arn).secretString("v3")).versionId();
        assertEquals(put2.versionId(), client.getSecretValue(b -> b.secretId("app/db").versionStage("AWSPREVIOUS")).versionId());
        assertEquals("v1", client.getSecretValue(b -> b.secretId("app/db").versionId(v1)).secretString(),
                "a deprecated version is still readable by id");
        String partialArn = arn.substring(0, arn.length() - 7);
        assertEquals("v3", client.getSecretValue(b -> b.secretId(partialArn)).secretString(), "ARN without suffix");

        DescribeSecretResponse d = client.describeSecret(b -> b.secretId("app/db"));
        assertEquals(Map.of(v3, List.of("AWSCURRENT"), put2.versionId(), List.of("AWSPREVIOUS")), d.versionIdsToStages());
        assertEquals("db password", d.description());
        assertTrue(d.createdDate() != null && d.lastChangedDate() != null && !d.rotationEnabled());
    }

    @Test
    void binarySecretsAndVersionIds() {
        byte[] key = {0, 1, 2, (byte) 0xff, 42};
        String arn = client.createSecret(b -> b.name("tls-key").secretBinary(SdkBytes.fromByteArray(key))).arn();
        GetSecretValueResponse r = client.getSecretValue(b -> b.secretId(arn));
        assertArrayEquals(key, r.secretBinary().asByteArray());
        assertNull(r.secretString());

        String token = UUID.randomUUID().toString();
        String id = client.putSecretValue(b -> b.secretId("tls-key").secretBinary(SdkBytes.fromByteArray(new byte[] {7}))
                .clientRequestToken(token)).versionId();
        assertEquals(token, id, "the ClientRequestToken becomes the VersionId");
        assertEquals(id, client.putSecretValue(b -> b.secretId("tls-key").secretBinary(SdkBytes.fromByteArray(new byte[] {7}))
                .clientRequestToken(token)).versionId(), "same token and value: idempotent");
        assertThrows(ResourceExistsException.class, () -> client.putSecretValue(b -> b.secretId("tls-key")
                .secretBinary(SdkBytes.fromByteArray(new byte[] {8})).clientRequestToken(token)));
        ResourceNotFoundException noVersion = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecretValue(b -> b.secretId("tls-key").versionId(UUID.randomUUID().toString())));
        assertTrue(noVersion.awsErrorDetails().errorMessage().startsWith("Secrets Manager can't find the specified secret value for VersionId"));
    }

    @Test
    void missingSecretIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecretValue(b -> b.secretId("nope")));
        assertEquals(400, e.statusCode());
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertEquals("Secrets Manager can't find the specified secret.", e.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> client.putSecretValue(b -> b.secretId("nope").secretString("x")));
        client.createSecret(b -> b.name("dup").secretString("x"));
        assertThrows(ResourceExistsException.class, () -> client.createSecret(b -> b.name("dup").secretString("y")));
    }

    @Test
    void requestsWithoutValidCredentialsAreRefused() {
        sm.requestLog().reset();
        SecretsManagerException anonymous;
        try (SecretsManagerClient c = client(AnonymousCredentialsProvider.create())) {
            anonymous = assertThrows(SecretsManagerException.class, () -> c.getSecretValue(b -> b.secretId("x")));
        }
        assertEquals(403, anonymous.statusCode());
        assertEquals("MissingAuthenticationTokenException", anonymous.awsErrorDetails().errorCode());

        SecretsManagerException badKey;
        try (SecretsManagerClient c = client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(AwsSettings.DEFAULT_ACCESS_KEY, "wrong-secret")))) {
            badKey = assertThrows(SecretsManagerException.class, () -> c.getSecretValue(b -> b.secretId("x")));
        }
        assertEquals("InvalidSignatureException", badKey.awsErrorDetails().errorCode());
        assertTrue(badKey.getMessage().contains("x-amz-target:secretsmanager.GetSecretValue"), "the canonical request is explained");

        SecretsManagerException unknown;
        try (SecretsManagerClient c = client(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN", "s")))) {
            unknown = assertThrows(SecretsManagerException.class, () -> c.getSecretValue(b -> b.secretId("x")));
        }
        assertEquals("UnrecognizedClientException", unknown.awsErrorDetails().errorCode());
        assertEquals(3, sm.requestLog().snapshot().count("POST / secretsmanager.GetSecretValue"),
                "auth errors are not retried");
    }

    @Test
    void listsWithFiltersAndPages() {
        for (String n : List.of("team-a/one", "team-a/two", "team-b/one")) {
            client.createSecret(b -> b.name(n).secretString("x"));
        }
        var pages = client.listSecretsPaginator(b -> b.maxResults(1).sortOrder("asc")
                        .filters(Filter.builder().key(FilterNameStringType.NAME).values("team-a/").build()))
                .stream().toList();
        assertEquals(List.of("team-a/one", "team-a/two"),
                pages.stream().flatMap(p -> p.secretList().stream()).map(SecretListEntry::name).toList());
        assertTrue(pages.size() >= 2, "one secret per page");
        assertEquals(3, client.listSecrets(b -> b.maxResults(10)).secretList().size());
    }

    @Test
    void deleteRestoreAndForceDelete() {
        client.createSecret(b -> b.name("temp").secretString("x"));
        client.deleteSecret(b -> b.secretId("temp").recoveryWindowInDays(7L));
        InvalidRequestException marked = assertThrows(InvalidRequestException.class, () -> client.getSecretValue(b -> b.secretId("temp")));
        assertTrue(marked.getMessage().contains("marked for deletion"));
        assertTrue(client.describeSecret(b -> b.secretId("temp")).deletedDate() != null);
        client.restoreSecret(b -> b.secretId("temp"));
        assertEquals("x", client.getSecretValue(b -> b.secretId("temp")).secretString());
        client.deleteSecret(b -> b.secretId("temp").forceDeleteWithoutRecovery(true));
        assertThrows(ResourceNotFoundException.class, () -> client.describeSecret(b -> b.secretId("temp")));
    }

    @Test
    void throttlingIsRetriedAndLatencyApplies() {
        sm.createSecret("us-east-1", "app", "v");
        sm.requestLog().reset();
        sm.faults().tooManyRequestsBurst(2);
        assertEquals("v", client.getSecretValue(b -> b.secretId("app")).secretString());
        var log = sm.requestLog().snapshot();
        assertEquals(3, log.count("POST / secretsmanager.GetSecretValue"));
        assertEquals(2, log.count("POST / secretsmanager.GetSecretValue", 400), "ThrottlingException is a 400");

        sm.faults().tooManyRequestsBurst(5);
        SecretsManagerException throttled = assertThrows(SecretsManagerException.class,
                () -> client.getSecretValue(b -> b.secretId("app")));
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        sm.faults().reset().latency(Duration.ofMillis(150));
        long t0 = System.nanoTime();
        client.getSecretValue(b -> b.secretId("app"));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(150).toNanos());
    }

    @Test
    void seedingHelpersShowUpThroughTheSdk() {
        sm.createSecret("us-east-1", "seeded", "one");
        String v2 = sm.putSecretValue("us-east-1", "seeded", "two");
        GetSecretValueResponse r = client.getSecretValue(b -> b.secretId("seeded"));
        assertEquals("two", r.secretString());
        assertEquals(v2, r.versionId());
        sm.createSecret("eu-west-1", "elsewhere", "x");
        assertThrows(ResourceNotFoundException.class, () -> client.getSecretValue(b -> b.secretId("elsewhere")),
                "secrets are per region");
    }
}
