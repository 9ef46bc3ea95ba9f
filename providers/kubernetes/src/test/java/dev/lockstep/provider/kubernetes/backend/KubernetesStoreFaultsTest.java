package dev.lockstep.provider.kubernetes.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.provider.kubernetes.client.RetryPolicy;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.remote.LeaseRecord;
import dev.lockstep.state.remote.LeaseStore;
import dev.lockstep.state.remote.RemoteStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes of blobs, the pointer and the Lease end correct under the sandbox's injected faults: 429
 * bursts (waited out, honouring Retry-After), 500/503 answers (retried), and answers lost to a
 * timeout after the server applied the write (the retry meets 409 and reads back).
 */
class KubernetesStoreFaultsTest {

    private static final String POST_SECRET = "POST /api/v1/namespaces/{namespace}/secrets";
    private static final String PUT_SECRET = "PUT /api/v1/namespaces/{namespace}/secrets/{name}";
    private static final String POST_LEASE = "POST /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases";
    private static final String PUT_LEASE = "PUT /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}";

    private SandboxKubernetes k8s;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        k8s = new SandboxKubernetes();
        k8s.start();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        k8s.stop();
    }

    private long served(String endpoint) {
        return k8s.requestLog().snapshot().count(endpoint);
    }

    private long served(String endpoint, int status) {
        return k8s.requestLog().snapshot().count(endpoint, status);
    }

    private static LeaseRecord lease(String id, int renewedAfter) {
        Instant now = Instant.parse("2026-12-07T10:00:00.123456Z");
        LockInfo info = new LockInfo(id, "ana@ci", "apply", now, "/cfg", "0.1", 42, now.plusSeconds(30));
        return new LeaseRecord(info, Duration.ofSeconds(30), now, now.plusSeconds(renewedAfter), null);
    }

    @Test
    void serverErrorsAndThrottlingAreRiddenOut() throws Exception {
        try (RemoteStore s = Backends.open(k8s, "secret_suffix = \"faulty\"\n", Backends.FAST)) {
            k8s.faults().retryAfterSeconds(0).serverErrorRate(0.3, 11);
            byte[] chunk = new byte[200_000];
            new Random(3).nextBytes(chunk);
            for (int i = 0; i < 10; i++) {
                s.createBlob("chunk.1.a." + i, chunk);
                s.createBlob("meta." + i + ".a", ("{\"m\":" + i + "}").getBytes());
            }
            String v = s.writePointer(Map.of("serial", "1"), null);
            for (int i = 2; i <= 10; i++) {
                v = s.writePointer(Map.of("serial", Integer.toString(i)), v);
            }
            LeaseStore l = s.lease();
            String lv = l.write(lease("id-1", 0), null);
            for (int i = 1; i <= 5; i++) {
                lv = l.write(lease("id-1", i), lv);
            }
            k8s.faults().reset().retryAfterSeconds(0).tooManyRequestsBurst(5);
            lv = l.write(lease("id-1", 6), lv);
            assertEquals(5, served(PUT_LEASE, 429));
            k8s.faults().reset();

            long injected = served(POST_SECRET, 500) + served(POST_SECRET, 503) + served(PUT_SECRET, 500)
                    + served(PUT_SECRET, 503) + served(POST_LEASE, 500) + served(POST_LEASE, 503)
                    + served(PUT_LEASE, 500) + served(PUT_LEASE, 503);
            assertTrue(injected >= 5, "faults were injected into the writes: " + injected);
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(chunk, s.readBlob("chunk.1.a." + i).orElseThrow());
            }
            assertEquals(10, s.listBlobs("meta.").size());
            assertEquals(Map.of("serial", "10"), s.readPointer().orElseThrow().fields());
            assertEquals(v, s.readPointer().orElseThrow().version());
            LeaseRecord held = l.read().orElseThrow();
            assertEquals(lease("id-1", 6).renewed(), held.renewed());
            assertEquals(lv, held.version());
            l.delete(lv);
            assertTrue(l.read().isEmpty());
        }
    }

    /**
     * Runs {@code write} while the server delays every answer past the client's timeout; once the
     * first attempt has been served (and applied), answers are prompt again, so the retry meets the
     * first attempt's result.
     */
    private <T> T withLostAnswer(String endpoint, Callable<T> write) throws Exception {
        long before = served(endpoint);
        k8s.faults().latency(Duration.ofMillis(1500));
        Future<T> f = pool.submit(write);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (served(endpoint) == before && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        k8s.faults().latency(Duration.ZERO);
        T out = f.get();
        // at least twice: the lost attempt and the retry (one more if a slow machine delayed the reset)
        assertTrue(served(endpoint) - before >= 2, endpoint + " was sent " + (served(endpoint) - before) + " times");
        return out;
    }

    @Test
    void aWriteWhoseAnswerWasLostSucceedsWhenItsOwnEarlierAttemptLanded() throws Exception {
        StoreClient.Options timeouts = new StoreClient.Options(
                new RetryPolicy(Duration.ofSeconds(20), 3, Duration.ofMillis(10)), Duration.ofMillis(400));
        try (RemoteStore s = Backends.open(k8s, "secret_suffix = \"lost\"\n", timeouts)) {
            byte[] blob = "{\"m\":1}".getBytes();
            withLostAnswer(POST_SECRET, () -> {
                s.createBlob("meta.1.abc", blob);
                return null;
            });
            assertTrue(served(POST_SECRET, 409) >= 1, "the retry met the first attempt's Secret");
            assertArrayEquals(blob, s.readBlob("meta.1.abc").orElseThrow());

            String v1 = withLostAnswer(POST_SECRET, () -> s.writePointer(Map.of("serial", "1"), null));
            assertEquals(v1, s.readPointer().orElseThrow().version());
            String v2 = withLostAnswer(PUT_SECRET, () -> s.writePointer(Map.of("serial", "2"), v1));
            RemoteStore.Versioned p = s.readPointer().orElseThrow();
            assertEquals(Map.of("serial", "2"), p.fields());
            assertEquals(v2, p.version());

            LeaseStore l = s.lease();
            String lv1 = withLostAnswer(POST_LEASE, () -> l.write(lease("id-7", 0), null));
            String lv2 = withLostAnswer(PUT_LEASE, () -> l.write(lease("id-7", 5), lv1));
            LeaseRecord held = l.read().orElseThrow();
            assertEquals(lv2, held.version());
            assertEquals(lease("id-7", 5).renewed(), held.renewed());
            assertEquals("id-7", held.info().id());
        }
    }

    @Test
    void aLostAnswerDoesNotHideAnotherWritersRecord() throws Exception {
        StoreClient.Options timeouts = new StoreClient.Options(
                new RetryPolicy(Duration.ofSeconds(20), 3, Duration.ofMillis(10)), Duration.ofMillis(400));
        try (RemoteStore mine = Backends.open(k8s, "secret_suffix = \"race\"\n", timeouts);
                RemoteStore other = Backends.open(k8s, "secret_suffix = \"race\"\n", timeouts)) {
            String v1 = mine.writePointer(Map.of("serial", "1"), null);
            other.writePointer(Map.of("serial", "2", "by", "other"), v1);
            // a CAS that loses is a conflict, also when a lost answer made it retry and read back
            long puts = served(PUT_SECRET);
            org.junit.jupiter.api.Assertions.assertThrows(dev.lockstep.state.remote.ConflictException.class,
                    () -> withLostAnswerExpectingFailure(() -> mine.writePointer(Map.of("serial", "2"), v1)));
            assertTrue(served(PUT_SECRET) - puts >= 2, "the stale write was retried after its answer was lost");
            assertEquals(Map.of("serial", "2", "by", "other"), mine.readPointer().orElseThrow().fields());
        }
    }

    private void withLostAnswerExpectingFailure(Callable<?> write) throws Exception {
        try {
            withLostAnswer(PUT_SECRET, write);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
