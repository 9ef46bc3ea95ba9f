package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceReader;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the live state of every managed instance: instances are grouped by provider and type and
 * each group is handed to the provider in one batched read (so it can LIST instead of GET), groups
 * running in parallel up to the configured bound.
 */
public final class Refresher {

    /** The outcome for one instance: its live value (null if gone) and id. */
    public record Refreshed(Value value, String id) {
    }

    private Refresher() {
    }

    /**
     * Refreshes {@code state}'s managed instances. Values come back marked: schema-sensitive
     * attributes and the paths the state recorded as secret.
     */
    public static Map<ResourceAddress, Refreshed> refresh(State state, ProviderSet providers, EvalContext rootCtx,
            int parallelism, Diagnostics diags) {
        Map<String, List<ResourceInstance>> groups = new LinkedHashMap<>();
        for (ResourceInstance r : state.resources().values()) {
            if (r.address().isData()) {
                continue;
            }
            groups.computeIfAbsent(r.provider() + "\u0000" + r.address().type(), k -> new ArrayList<>()).add(r);
        }
        Map<ResourceAddress, Refreshed> out = new ConcurrentHashMap<>();
        if (groups.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, groups.size()), r -> {
            Thread t = new Thread(r, "lockstep-refresh");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Diagnostics>> futures = new ArrayList<>();
            for (List<ResourceInstance> group : groups.values()) {
                futures.add(pool.submit(() -> refreshGroup(group, providers, rootCtx, out)));
            }
            for (Future<Diagnostics> f : futures) {
                try {
                    diags.addAll(f.get());
                } catch (ExecutionException e) {
                    diags.error("Refresh failed", "Reading live objects failed unexpectedly ("
                            + e.getCause().getClass().getSimpleName() + "). This is a bug; please report it.", null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    diags.error("Refresh interrupted", "The refresh was interrupted.", null);
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static Diagnostics refreshGroup(List<ResourceInstance> group, ProviderSet providers, EvalContext rootCtx,
            Map<ResourceAddress, Refreshed> out) {
        Diagnostics d = new Diagnostics();
        ResourceInstance first = group.get(0);
        Provider p = providers.get(first.provider(), rootCtx, d);
        if (p == null) {
            return d;
        }
        ResourceHandler h = p.resource(first.address().type());
        if (h == null) {
            d.error("Unsupported resource type in state", "The state holds " + first.address() + " of type \""
                    + first.address().type() + "\", which the provider \"" + first.provider() + "\" does not "
                    + "support. Remove it with `lockstep state rm` if it is no longer managed.", null);
            return d;
        }
        List<ResourceReader.ReadObject> objects = new ArrayList<>(group.size());
        Map<ResourceAddress, ResourceInstance> byAddr = new LinkedHashMap<>();
        for (ResourceInstance r : group) {
            objects.add(new ResourceReader.ReadObject(r.address(), r.id(), r.attributes()));
            byAddr.put(r.address(), r);
        }
        ResourceReader.ReadResponse resp = ProviderCalls.call(describe(group), null, d, () -> h.read(objects),
                group.stream().map(ResourceInstance::attributes).toArray(Value[]::new));
        if (resp == null) {
            return d;
        }
        d.addAll(resp.diagnostics());
        for (ResourceReader.ReadResult res : resp.results()) {
            ResourceInstance r = byAddr.get(res.address());
            if (r == null) {
                continue;
            }
            Value v = res.current();
            if (v != null) {
                v = Marks.mark(Marks.markSchema(v, h.schema().block()), r.secretHashes().keySet());
            }
            out.put(res.address(), new Refreshed(v, res.id() != null ? res.id() : r.id()));
        }
        return d;
    }

    /** The addresses of a refresh group, for messages: at most three, then how many more. */
    private static String describe(List<ResourceInstance> group) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(3, group.size()); i++) {
            names.add(group.get(i).address().toString());
        }
        return String.join(", ", names) + (group.size() > 3 ? " and " + (group.size() - 3) + " more" : "");
    }

    /**
     * The secret hashes that still apply to {@code value}: those whose path holds the redacted
     * placeholder (a marked null), meaning the provider echoed the recorded state there rather than
     * reading the real value.
     */
    public static Map<AttributePath, String> placeholderHashes(ResourceInstance recorded, Value value) {
        Map<AttributePath, String> out = new LinkedHashMap<>();
        if (recorded == null || value == null) {
            return out;
        }
        for (Map.Entry<AttributePath, String> e : recorded.secretHashes().entrySet()) {
            Value v = e.getKey().get(value);
            if (v != null && v.isNull() && v.isSensitive()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** A keyed fingerprint of a live value, for detecting that it moved between plan and apply. */
    public static String fingerprint(Value v, SecretHasher hasher) {
        return v == null ? "gone" : hasher.fingerprint(v);
    }
}
