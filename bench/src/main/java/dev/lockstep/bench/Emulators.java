package dev.lockstep.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.sandbox.databricks.DatabricksEmulator;
import dev.lockstep.sandbox.databricks.WorkspaceSettings;
import dev.lockstep.sandbox.http.EmulatorServer;
import dev.lockstep.sandbox.http.RequestLog;
import dev.lockstep.sandbox.http.StateStore;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox emulators, run inside the benchmark's JVM and announced in
 * {@code .lockstep/sandbox/serve.json} of a configuration directory, exactly as
 * {@code lockstep sandbox serve} announces its own: every {@code lockstep --sandbox} command run on
 * that directory talks to them over loopback, so the lockstep process measured holds only lockstep.
 * Unlike {@code sandbox serve}, state is kept in memory (the emulators' own per-write save of the
 * whole data set would make a 10,000-object apply quadratic in the emulator, not in lockstep), and
 * the request logs are read directly, with their per-request timestamps. The Databricks emulator
 * can enforce per-endpoint rate limits ({@link #databricksRateLimits}), answering the excess 429.
 */
final class Emulators implements AutoCloseable {

    private static final int LOG_CAPACITY = 2_000_000;

    private final Path sandboxDir;
    private final SandboxKubernetes kubernetes;
    private final DatabricksEmulator databricks;

    Emulators(Path configDir, Duration latency) {
        this.sandboxDir = configDir.resolve(".lockstep").resolve("sandbox");
        try {
            Files.createDirectories(sandboxDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kubernetes = new SandboxKubernetes(new SandboxKubernetes.Options(0, StateStore.inMemory(),
                sandboxDir.resolve("kubeconfig"), LOG_CAPACITY));
        kubernetes.start();
        // 32 threads: the injected latency is a sleep on the emulator's request thread, and the
        // emulator must not become the bottleneck of lockstep's parallel reads
        databricks = new DatabricksEmulator(new WorkspaceSettings(),
                new EmulatorServer.Options(0, 32, 1024, LOG_CAPACITY, StateStore.inMemory()));
        databricks.start();
        latency(latency);
        announce();
    }

    /** Sets the injected per-request latency of every emulator. */
    void latency(Duration latency) {
        kubernetes.faults().latency(latency);
        databricks.faults().latency(latency);
    }

    /** Makes the Databricks emulator answer 429 beyond these limits: endpoint pattern to requests per second. */
    void databricksRateLimits(Map<String, Integer> limits) {
        limits.forEach((pattern, perSecond) -> databricks.faults().rateLimit(pattern, perSecond));
    }

    private void announce() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("pid", ProcessHandle.current().pid());
        ObjectNode ps = o.putObject("providers");
        ObjectNode k = ps.putObject("kubernetes");
        k.put("host", kubernetes.baseUri().toString());
        k.put("kubeconfig", sandboxDir.resolve("kubeconfig").toString());
        ObjectNode d = ps.putObject("databricks");
        d.put("host", databricks.baseUri().toString());
        d.put("token", databricks.adminToken());
        try {
            Files.writeString(sandboxDir.resolve("serve.json"), o.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clears every request log. */
    void resetLogs() {
        kubernetes.requestLog().reset();
        databricks.requestLog().reset();
    }

    /** The request logs, by provider. */
    Map<String, RequestLog.Snapshot> snapshots() {
        Map<String, RequestLog.Snapshot> m = new TreeMap<>();
        m.put("kubernetes", kubernetes.requestLog().snapshot());
        m.put("databricks", databricks.requestLog().snapshot());
        return m;
    }

    /** Every logged request, by provider, in the floor's terms. */
    static List<Floor.Request> requests(Map<String, RequestLog.Snapshot> snapshots) {
        List<Floor.Request> out = new ArrayList<>();
        snapshots.forEach((p, s) -> s.entries().forEach(e -> out.add(new Floor.Request(p, e.endpoint(), e.path()))));
        return out;
    }

    /** Objects stored in the Kubernetes emulator (its default namespaces included). */
    int kubernetesObjects() {
        return kubernetes.objectCount();
    }

    /** Objects of one kind stored in the Databricks emulator ("clusters", "jobs", "groups", ...). */
    int databricksObjects(String kind) {
        return databricks.count(kind);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(sandboxDir.resolve("serve.json"));
        } catch (IOException e) {
            // best effort
        }
        kubernetes.stop();
        databricks.stop();
    }
}
