package dev.lockstep.bench;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Settings;
import dev.lockstep.planner.config.SettingsDecoder;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.sandbox.kubernetes.SandboxKubernetes;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.local.LocalBackend;
import dev.lockstep.state.remote.BackendConfig;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.RemoteBackend;
import dev.lockstep.state.remote.RemoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code --only shared}: a state of N resources written to and read from the Kubernetes backend
 * (through fabric8, against the sandbox's API server with the given latency per request), with the
 * API calls each took, beside the local backend's figures for the same state. The resources are
 * shaped like RoleBindings (metadata, a role reference, two subjects), about 600 bytes of JSON each.
 */
final class SharedStateSection {

    private final Path work;
    private final List<Integer> sizes;
    private final List<Integer> latencies;
    private final Consumer<String> log;

    SharedStateSection(Path work, List<Integer> sizes, List<Integer> latencies, Consumer<String> log) {
        this.work = work;
        this.sizes = sizes;
        this.latencies = latencies;
        this.log = log;
    }

    /** One measured row. */
    record Row(int resources, int latencyMs, long stateBytes, int chunks, double writeSeconds, long writeCalls,
            double readSeconds, long readCalls, double rewriteSeconds, long rewriteCalls, double localWriteSeconds,
            double localReadSeconds, Map<String, Long> writeCallsByEndpoint) {
    }

    List<Row> run() throws Exception {
        List<Row> rows = new java.util.ArrayList<>();
        for (int size : sizes) {
            State state = state(size, 1);
            long bytes = new StateCodec("bench").encode(state).length;
            for (int latency : latencies) {
                rows.add(measure(state, bytes, latency));
            }
        }
        return rows;
    }

    private Row measure(State state, long bytes, int latencyMs) throws Exception {
        SandboxKubernetes k8s = new SandboxKubernetes();
        k8s.start();
        try {
            k8s.faults().latency(Duration.ofMillis(latencyMs));
            Path dir = Files.createDirectories(work.resolve("shared-" + state.resources().size() + "-" + latencyMs));
            try (RemoteStore store = open(k8s, dir)) {
                RemoteBackend b = new RemoteBackend(store, RemoteBackend.Options.defaults(dir.toString()));
                SnapshotInfo info = new SnapshotInfo(0, null, null, "bench", null, null, null);
                k8s.requestLog().reset();
                long t0 = System.nanoTime();
                b.persist(state, info);
                double write = (System.nanoTime() - t0) / 1e9;
                var w = k8s.requestLog().snapshot();
                String current = store.readPointer().orElseThrow().fields().get("history").split(",")[0];
                int chunks = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
                k8s.requestLog().reset();
                t0 = System.nanoTime();
                State read = new RemoteBackend(store, RemoteBackend.Options.defaults(dir.toString())).load().state();
                double readS = (System.nanoTime() - t0) / 1e9;
                long readCalls = k8s.requestLog().snapshot().total();
                if (!read.equals(state)) {
                    throw new IllegalStateException("the state read back differs from the state written");
                }
                k8s.requestLog().reset();
                t0 = System.nanoTime();
                b.persist(state(state.resources().size(), 2), info);
                double rewrite = (System.nanoTime() - t0) / 1e9;
                long rewriteCalls = k8s.requestLog().snapshot().total();

                LocalBackend local = new LocalBackend(dir.resolve(".lockstep"));
                t0 = System.nanoTime();
                local.persist(state, LocalBackend.info("bench", null));
                double lw = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                new LocalBackend(dir.resolve(".lockstep")).load();
                double lr = (System.nanoTime() - t0) / 1e9;
                Row row = new Row(state.resources().size(), latencyMs, bytes, chunks, write, w.total(), readS, readCalls,
                        rewrite, rewriteCalls, lw, lr, new TreeMap<>(w.byEndpoint()));
                log.accept("shared state: " + row);
                return row;
            }
        } finally {
            k8s.stop();
        }
    }

    private static RemoteStore open(SandboxKubernetes k8s, Path dir) throws Exception {
        Diagnostics d = new Diagnostics();
        String hcl = "lockstep {\n  backend \"kubernetes\" {\n    secret_suffix = \"bench\"\n  }\n}\n";
        Settings s = SettingsDecoder.decode(dir, Hcl.parseFile(hcl, "bench.hcl", d).blocks(), d, Map.of());
        if (d.hasErrors()) {
            throw new IllegalStateException(d.toString());
        }
        BackendFactory f = ServiceLoader.load(BackendFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.type().equals("kubernetes")).findFirst().orElseThrow();
        return f.open(new BackendConfig(s.shared().arguments(), Map.of(), dir,
                Map.of("host", k8s.baseUri().toString()), ProviderLog.NONE));
    }

    /** N RoleBinding-shaped instances; {@code generation} changes one attribute of each. */
    static State state(int n, int generation) {
        Map<ResourceAddress, ResourceInstance> m = new TreeMap<>();
        Instant t = Instant.parse("2026-12-07T00:00:00Z");
        for (int i = 0; i < n; i++) {
            ResourceAddress a = ResourceAddress.parse("kubernetes_role_binding.b[\"team-" + i + "\"]");
            Map<String, Value> meta = new LinkedHashMap<>();
            meta.put("name", Value.string("developers-" + i));
            meta.put("namespace", Value.string("team-" + i));
            meta.put("labels", Value.map(dev.lockstep.api.value.Type.STRING, Map.of("team", Value.string("team-" + i),
                    "generation", Value.string(Integer.toString(generation)))));
            meta.put("uid", Value.string(UUID.nameUUIDFromBytes(("b" + i).getBytes()).toString()));
            Map<String, Value> attrs = new LinkedHashMap<>();
            attrs.put("metadata", Value.object(meta));
            attrs.put("role_ref", Value.object(Map.of("api_group", Value.string("rbac.authorization.k8s.io"),
                    "kind", Value.string("ClusterRole"), "name", Value.string("edit"))));
            attrs.put("subject", Value.string("Group:team-" + i + "-developers,Group:team-" + i + "-oncall"));
            m.put(a, new ResourceInstance(a, "kubernetes", 1, "team-" + i + "/developers-" + i, Value.object(attrs),
                    Map.of(), List.of(), ResourceInstance.Status.READY, t, t));
        }
        return new State("5d7e6f10-0000-4000-8000-000000000001", generation, new byte[32], m, Map.of());
    }
}
