package dev.lockstep.secrets.aws.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.sandbox.aws.AwsSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.s3.S3Emulator;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.ConflictException;
import dev.lockstep.state.remote.LeaseRecord;
import dev.lockstep.state.remote.RemoteStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's faults (5xx, throttling, answers that arrive after the client gave up) during
 * writes: every write ends as if it ran once, and a lost race is still a conflict.
 */
class S3StoreFaultTest {
    private static final String BUCKET = "lockstep-sandbox";

    private S3Emulator s3;
    private RemoteStore store;
    private ScheduledExecutorService timer;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3Emulator(new AwsSettings(), EmulatorServer.Options.defaults());
        s3.start();
        s3.ensureBucket(BUCKET, "us-east-1");
        store = new S3BackendFactory().open(S3Fixture.config(S3Fixture.settings(BUCKET, "app/state"), Map.of(),
                S3Fixture.sandbox(s3.baseUri().toString(), BUCKET), ProviderLog.NONE),
                new S3Calls.RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(300)), Duration.ofMillis(250));
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        store.close();
        s3.stop();
    }

    private long count(String endpoint, int status) {
        return s3.requestLog().snapshot().count(endpoint, status);
    }

    @Test
    void writesUnderServerErrorsAndThrottlingEndCorrect() throws Exception {
        s3.faults().serverErrorRate(0.4, 11);
        Random r = new Random(3);
        byte[][] blobs = new byte[12][];
        String version = null;
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new byte[1000 + i];
            r.nextBytes(blobs[i]);
            store.createBlob("chunk." + i + ".x.0", blobs[i]);
            if (i % 4 == 0) {
                s3.faults().tooManyRequestsBurst(2);
            }
            version = store.writePointer(Map.of("serial", Integer.toString(i)), version);
        }
        s3.faults().reset();
        assertTrue(count("PUT PutObject", 500) + count("PUT PutObject", 503) > 5, "faults were injected");
        for (int i = 0; i < blobs.length; i++) {
            assertArrayEquals(blobs[i], s3.content(BUCKET, "app/state.d/chunk." + i + ".x.0").orElseThrow());
        }
        assertEquals(Map.of("serial", "11"), store.readPointer().orElseThrow().fields());
        assertEquals(version, store.readPointer().orElseThrow().version());
        assertThrows(ConflictException.class, () -> store.createBlob("chunk.0.x.0", new byte[] {1}));
    }

    /**
     * The first attempts land but their answers come after the client's 250 ms attempt timeout; the
     * retry that finally gets an answer is told 412 (the object is there now) and must recognise
     * its own write instead of reporting a conflict.
     */
    @Test
    void aWriteWhoseAnswerWasLostIsRecognisedOnRetry() throws Exception {
        String v1 = store.writePointer(Map.of("serial", "1"), null);
        slowFor(Duration.ofMillis(600), Duration.ofMillis(900));
        String v2 = store.writePointer(Map.of("serial", "2"), v1);
        assertEquals(Map.of("serial", "2"), store.readPointer().orElseThrow().fields());
        assertEquals(v2, store.readPointer().orElseThrow().version());

        slowFor(Duration.ofMillis(600), Duration.ofMillis(900));
        byte[] data = "chunk".getBytes(StandardCharsets.UTF_8);
        store.createBlob("chunk.2.y.0", data);
        assertArrayEquals(data, store.readBlob("chunk.2.y.0").orElseThrow());

        Instant now = Instant.now();
        LockInfo info = new LockInfo("lock-1", "ana@ci", "apply", now, "/cfg", "0.1", 7, now.plusSeconds(30));
        slowFor(Duration.ofMillis(600), Duration.ofMillis(900));
        String lv = store.lease().write(new LeaseRecord(info, Duration.ofSeconds(30), now, now, null), null);
        assertEquals(lv, store.lease().read().orElseThrow().version());
        slowFor(Duration.ofMillis(600), Duration.ofMillis(900));
        store.lease().delete(lv);
        assertTrue(store.lease().read().isEmpty());
        assertTrue(count("PUT PutObject", 412) >= 3, "the retries met their own earlier writes");

        // someone else's write is still a conflict
        String other = store.writePointer(Map.of("serial", "3"), v2);
        assertThrows(ConflictException.class, () -> store.writePointer(Map.of("serial", "4"), v2));
        assertEquals(other, store.readPointer().orElseThrow().version());
    }

    /** Every request is answered slowly (latency) until {@code after}. */
    private void slowFor(Duration latency, Duration after) {
        s3.faults().latency(latency);
        timer.schedule(() -> s3.faults().latency(Duration.ZERO), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void anEndpointThatKeepsFailingIsAClearError() {
        s3.faults().serverErrorRate(1.0, 1);
        StateException e = assertThrows(StateException.class, () -> store.createBlob("meta.1.a", "secret-content"
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("s3://" + BUCKET + "/app/state.d/meta.1.a"), e.getMessage());
        assertTrue(e.getMessage().contains(s3.baseUri().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("failed 10 times"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret-content"));
        assertEquals(10, s3.requestLog().snapshot().count("PUT PutObject"));
    }
}
