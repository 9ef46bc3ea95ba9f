package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.remote.RemoteStore;
import dev.lockstep.state.remote.SharedBackendContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared backend's guarantees (versions, history, compare-and-swap, journal recovery, the Lease)
 * on Secrets and a Lease, through fabric8 against the sandbox's API server; two clients per test.
 */
class KubernetesBackendContractTest extends SharedBackendContract {

    private static final AtomicInteger N = new AtomicInteger();
    private SandboxKubernetes k8s;
    private String suffix;

    @BeforeEach
    void start() {
        k8s = new SandboxKubernetes();
        k8s.start();
    }

    @AfterEach
    void stop() {
        k8s.stop();
    }

    @Override
    protected RemoteStore store() throws Exception {
        suffix = "shared-" + N.incrementAndGet();
        return sameStore();
    }

    @Override
    protected RemoteStore sameStore() throws Exception {
        return Backends.open(k8s, "secret_suffix = \"" + suffix + "\"\n", Backends.FAST);
    }

    /** A state that compresses to more than one Secret's worth is chunked, and read back whole by another client. */
    @org.junit.jupiter.api.Test
    void aStateLargerThanOneSecretIsChunkedAcrossSecrets() throws Exception {
        java.util.Random r = new java.util.Random(7);
        dev.lockstep.state.State s = dev.lockstep.state.testing.SampleStates.empty();
        for (int i = 0; i < 400; i++) {
            byte[] noise = new byte[3000];
            r.nextBytes(noise);
            s = s.withResource(dev.lockstep.state.testing.SampleStates.instance("r" + i,
                    java.util.Base64.getEncoder().encodeToString(noise)));
        }
        RemoteStore store = store();
        dev.lockstep.state.remote.RemoteBackend b = backend(store, 3);
        b.persist(s, info("apply"));
        String current = store.readPointer().orElseThrow().fields().get("history").split(",")[0];
        int chunks = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
        org.junit.jupiter.api.Assertions.assertTrue(chunks >= 2, "chunks: " + chunks);
        org.junit.jupiter.api.Assertions.assertEquals(s, backend(sameStore(), 3).load().state());
    }
}
