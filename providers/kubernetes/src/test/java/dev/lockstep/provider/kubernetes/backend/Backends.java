package dev.lockstep.provider.kubernetes.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.provider.kubernetes.client.RetryPolicy;
import dev.lockstep.provider.kubernetes.testing.Hcl;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.remote.BackendConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Opens the kubernetes backend's store against a sandbox, as the CLI does in sandbox mode. */
final class Backends {

    /** Fast retries for tests: 20 s in all, 8 retries from 10 ms; attempts time out after 2 s. */
    static final StoreClient.Options FAST = new StoreClient.Options(
            new RetryPolicy(Duration.ofSeconds(20), 8, Duration.ofMillis(10)), Duration.ofSeconds(2));

    private Backends() {
    }

    static Value settings(String block) {
        Diagnostics d = new Diagnostics();
        Value v = Hcl.body(new KubernetesBackendFactory().schema(), block, d);
        assertFalse(d.hasErrors(), d::toString);
        return v;
    }

    static BackendConfig config(String block, SandboxKubernetes k8s, ProviderLog log) {
        return new BackendConfig(settings(block), Map.of(), Path.of("."),
                k8s == null ? Map.of() : Map.of("host", k8s.baseUri().toString()), log);
    }

    static KubernetesStore open(SandboxKubernetes k8s, String block, StoreClient.Options options) throws StateException {
        return (KubernetesStore) new KubernetesBackendFactory().open(config(block, k8s, ProviderLog.NONE),
                Path.of("/nonexistent-service-account"), options);
    }
}
