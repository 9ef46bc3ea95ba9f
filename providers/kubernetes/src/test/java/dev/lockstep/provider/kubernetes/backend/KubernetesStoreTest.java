package dev.lockstep.provider.kubernetes.backend;

import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.remote.RemoteStore;
import dev.lockstep.state.remote.RemoteStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store meets the contract every store must meet, through fabric8 against the sandbox's API server. */
class KubernetesStoreTest extends RemoteStoreContract {

    private static final AtomicInteger N = new AtomicInteger();
    private SandboxKubernetes k8s;

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
        return Backends.open(k8s, "secret_suffix = \"contract-" + N.incrementAndGet() + "\"\n", Backends.FAST);
    }
}
