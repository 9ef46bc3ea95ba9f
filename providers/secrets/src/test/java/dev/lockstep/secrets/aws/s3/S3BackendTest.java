package dev.lockstep.secrets.aws.s3;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.s3.S3Emulator;
import dev.lockstep.secrets.testing.RecordingLog;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.LeaseRecord;
import dev.lockstep.state.remote.RemoteStore;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The backend "s3" arguments: workspaces, Terraform's names and rules, and the messages of each failure. */
class S3BackendTest {
    private static final String BUCKET = "team-state";

    private S3Emulator s3;

    @BeforeEach
    void start() {
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults());
        s3.start();
        s3.ensureBucket(BUCKET, "us-east-1");
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    private String endpoint() {
        return s3.baseUri().toString();
    }

    private RemoteStore open(Map<String, Value> set, Map<String, String> env) throws StateException {
        return new S3BackendFactory().open(S3Fixture.config(S3Fixture.settings(set), env, Map.of(), ProviderLog.NONE),
                new S3Calls.RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), Duration.ofSeconds(5));
    }

    private static Map<String, Value> with(Map<String, Value> base, String name, Value v) {
        Map<String, Value> m = new HashMap<>(base);
        m.put(name, v);
        return m;
    }

    private void writeAll(RemoteStore s) throws StateException {
        s.writePointer(Map.of("serial", "1"), null);
        s.createBlob("meta.1.a", new byte[] {1});
        Instant now = Instant.now();
        s.lease().write(new LeaseRecord(new LockInfo("id", "ana@ci", "apply", now, "/cfg", "0.1", 1, now.plusSeconds(9)),
                Duration.ofSeconds(9), now, now, null), null);
    }

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackendFactory.class).stream().anyMatch(p -> p.get().type().equals("s3")));
    }

    @Test
    void workspacesLiveUnderTheWorkspaceKeyPrefix() throws Exception {
        Map<String, Value> base = S3Fixture.direct(endpoint(), BUCKET, "app/terraform.tfstate");
        try (RemoteStore s = open(base, Map.of())) {
            writeAll(s);
        }
        try (RemoteStore s = open(base, Map.of("TF_WORKSPACE", "dev"))) {
            writeAll(s);
        }
        try (RemoteStore s = open(with(base, "workspace_key_prefix", Value.string("teams/x")),
                Map.of("TF_WORKSPACE", "dev", "LOCKSTEP_WORKSPACE", "prod"))) {
            writeAll(s);
        }
        try (RemoteStore s = open(base, Map.of("LOCKSTEP_WORKSPACE", "default"))) {
            assertEquals(Map.of("serial", "1"), s.readPointer().orElseThrow().fields());
        }
        assertEquals(List.of("app/terraform.tfstate", "app/terraform.tfstate.d/meta.1.a", "app/terraform.tfstate.tflock",
                "env:/dev/app/terraform.tfstate", "env:/dev/app/terraform.tfstate.d/meta.1.a",
                "env:/dev/app/terraform.tfstate.tflock", "teams/x/prod/app/terraform.tfstate",
                "teams/x/prod/app/terraform.tfstate.d/meta.1.a", "teams/x/prod/app/terraform.tfstate.tflock"),
                s3.keys(BUCKET));
    }

    @Test
    void terraformsOwnLockObjectIsNotTakenForALease() throws Exception {
        try (S3Client raw = S3Client.builder().endpointOverride(s3.baseUri()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        AwsSettings.DEFAULT_ACCESS_KEY, AwsSettings.DEFAULT_SECRET_KEY))).build()) {
            raw.putObject(b -> b.bucket(BUCKET).key("tf/state.tflock"), RequestBody.fromString("{\"ID\":\"5e1f\","
                    + "\"Operation\":\"OperationTypeApply\",\"Info\":\"\",\"Who\":\"bob@laptop\",\"Version\":\"1.11.0\","
                    + "\"Created\":\"2026-01-01T00:00:00Z\",\"Path\":\"team-state/tf/state\"}"));
        }
        try (RemoteStore s = open(S3Fixture.direct(endpoint(), BUCKET, "tf/state"), Map.of())) {
            StateException e = assertThrows(StateException.class, () -> s.lease().read());
            assertTrue(e.getMessage().contains("bob@laptop, lock id 5e1f"), e.getMessage());
        }
    }

    @Test
    void terraformsRulesAndLockstepsLimitsAreErrors() {
        Map<String, Value> base = S3Fixture.direct(endpoint(), BUCKET, "app/state");
        StateException dynamo = assertThrows(StateException.class, () -> open(with(base, "dynamodb_table",
                Value.string("locks")), Map.of()));
        assertTrue(dynamo.getMessage().contains("lock object only"), dynamo.getMessage());
        StateException off = assertThrows(StateException.class, () -> open(with(base, "use_lockfile", Value.FALSE),
                Map.of()));
        assertTrue(off.getMessage().contains("always locks"), off.getMessage());
        StateException key = assertThrows(StateException.class, () -> open(with(base, "key", Value.string("/a//b")),
                Map.of()));
        assertTrue(key.getMessage().contains("key must not start or end with /"), key.getMessage());
        StateException prefix = assertThrows(StateException.class, () -> open(with(base, "workspace_key_prefix",
                Value.string("envs/")), Map.of()));
        assertTrue(prefix.getMessage().contains("workspace_key_prefix"), prefix.getMessage());
        StateException ws = assertThrows(StateException.class, () -> open(base, Map.of("TF_WORKSPACE", "a/b")));
        assertTrue(ws.getMessage().contains("workspace \"a/b\""), ws.getMessage());
        StateException endpoints = assertThrows(StateException.class, () -> open(with(base, "endpoints",
                Value.map(dev.lockstep.api.value.Type.STRING, Map.of("dynamodb", Value.string(endpoint())))), Map.of()));
        assertTrue(endpoints.getMessage().contains("endpoints.dynamodb"), endpoints.getMessage());
        StateException region = assertThrows(StateException.class, () -> open(with(base, "region",
                Value.string("mars-north-1")), Map.of()));
        assertTrue(region.getMessage().contains("skip_region_validation"), region.getMessage());
        assertDoesNotThrow(() -> open(with(base, "use_lockfile", Value.TRUE), Map.of()).close());
    }

    @Test
    void skipFlagsAreHonoured() throws Exception {
        Map<String, Value> base = S3Fixture.direct(endpoint(), "no-such-bucket", "app/state");
        // without the skip, opening proves the bucket
        StateException missing = assertThrows(StateException.class, () -> open(base, Map.of()));
        assertTrue(missing.getMessage().contains("\"no-such-bucket\" does not exist at " + endpoint()),
                missing.getMessage());
        open(with(base, "skip_credentials_validation", Value.TRUE), Map.of()).close();
        Map<String, Value> mars = with(with(base, "region", Value.string("mars-north-1")), "skip_credentials_validation",
                Value.TRUE);
        assertThrows(StateException.class, () -> open(mars, Map.of()));
        open(with(mars, "skip_region_validation", Value.TRUE), Map.of()).close();
    }

    @Test
    void encryptAsksForSseS3OnEveryObject() throws Exception {
        try (RemoteStore s = open(with(S3Fixture.direct(endpoint(), BUCKET, "enc/state"), "encrypt", Value.TRUE),
                Map.of())) {
            writeAll(s);
        }
        try (RemoteStore s = open(S3Fixture.direct(endpoint(), BUCKET, "plain/state"), Map.of())) {
            writeAll(s);
        }
        for (String k : s3.keys(BUCKET)) {
            assertEquals(k.startsWith("enc/"), s3.requestedEncryption(BUCKET, k).isPresent(), k);
        }
    }

    @Test
    void pathStyleIsHonoured() throws Exception {
        String localhost = "http://localhost:" + s3.baseUri().getPort();
        Map<String, Value> set = with(S3Fixture.direct(localhost, BUCKET, "ps/state"), "use_path_style", Value.TRUE);
        try (RemoteStore s = open(set, Map.of())) {
            s.writePointer(Map.of("serial", "1"), null);
        }
        assertTrue(s3.requestLog().snapshot().entries().stream().filter(e -> e.endpoint().equals("PUT PutObject"))
                .allMatch(e -> e.path().equals("/" + BUCKET + "/ps/state")));
        assertEquals(1, s3.requestLog().snapshot().count("PUT PutObject"));
    }

    @Test
    void failuresNameBucketKeyAndEndpointButNeverSecretsOrContent() throws Exception {
        Map<String, Value> wrongKey = with(S3Fixture.direct(endpoint(), BUCKET, "app/state"), "secret_key",
                Value.string("wrong-secret-value"));
        StateException denied = assertThrows(StateException.class, () -> open(wrongKey, Map.of()));
        assertTrue(denied.getMessage().contains("denied"), denied.getMessage());
        assertTrue(denied.getMessage().contains(endpoint()), denied.getMessage());
        assertFalse(denied.getMessage().contains("wrong-secret-value"));

        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        StateException unreachable = assertThrows(StateException.class, () -> open(S3Fixture.direct(
                "http://127.0.0.1:" + closed, BUCKET, "app/state"), Map.of()));
        assertTrue(unreachable.getMessage().contains("http://127.0.0.1:" + closed), unreachable.getMessage());
        assertTrue(unreachable.getMessage().contains("reachable"), unreachable.getMessage());

        RecordingLog log = new RecordingLog();
        try (RemoteStore s = new S3BackendFactory().open(S3Fixture.config(S3Fixture.settings(S3Fixture.direct(endpoint(),
                BUCKET, "app/state")), Map.of(), Map.of(), log))) {
            s.createBlob("meta.1.z", "canary-content-123".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StateException exists = assertThrows(StateException.class, () -> s.createBlob("meta.1.z",
                    "canary-content-123".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertFalse(exists.getMessage().contains("canary"), exists.getMessage());
        }
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("PutObject s3://" + BUCKET + "/app/state.d/meta.1.z")));
        assertTrue(log.lines().stream().noneMatch(l -> l.contains("canary") || l.contains(AwsSettings.DEFAULT_SECRET_KEY)));
    }
}
