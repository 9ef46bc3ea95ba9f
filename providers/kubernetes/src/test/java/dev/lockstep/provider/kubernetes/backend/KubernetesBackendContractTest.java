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
}
