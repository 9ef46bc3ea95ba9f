package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.log.Scrubber;
import dev.lockstep.provider.kubernetes.client.ApiException;
import dev.lockstep.provider.kubernetes.client.KubeApi;
import dev.lockstep.provider.kubernetes.client.ResourceType;
import dev.lockstep.provider.kubernetes.kind.LockstepKeys;
import dev.lockstep.provider.kubernetes.value.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Refresh with one LIST per kind and namespace. Objects are grouped by kind and namespace; the
 * groups are read at once, at most {@link KubeApi#MAX_CONCURRENT_READS} at a time per provider
 * instance (shared with the other kinds being refreshed); a group of one named object is a single
 * GET; larger groups are one LIST by lockstep's label (paginated).
 * Objects the label LIST did not return (adopted by import, or the label was removed) are looked
 * up by a field-selector LIST when one is missing, or by one plain LIST when several are. An
 * object without a name (an interrupted create with {@code generate_name}) is found by lockstep's
 * address annotation.
 */
public final class BatchReader {

    /** One object to find: its kind, namespace, name (null: find by address) and lockstep address. */
    public record Target(ResourceType type, String namespace, String name, String address) {
    }

    private final ProviderContext ctx;

    public BatchReader(ProviderContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The live objects of the targets: a target maps to its JSON, to null when it does not exist,
     * and is missing from the result when its group could not be read (the error is in diags).
     */
    public Map<Target, Map<String, Object>> fetch(List<Target> targets, Diagnostics diags) {
        Map<Target, Map<String, Object>> out = new IdentityHashMap<>();
        Map<List<Object>, List<Target>> groups = new LinkedHashMap<>();
        for (Target t : targets) {
            groups.computeIfAbsent(List.of(t.type(), Objects.toString(t.namespace(), "")), k -> new ArrayList<>())
                    .add(t);
        }
        List<List<Target>> all = new ArrayList<>(groups.values());
        if (all.size() == 1) {
            readGroupReporting(all.get(0), out, diags);
        } else {
            // the namespaces' reads are independent: run them at once, within the provider's read slots
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(all.size(), KubeApi.MAX_CONCURRENT_READS),
                    r -> {
                        Thread t = new Thread(r, "lockstep-kubernetes-read");
                        t.setDaemon(true);
                        return t;
                    });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (List<Target> group : all) {
                    futures.add(pool.submit(() -> ctx.api().reading(() -> {
                        Map<Target, Map<String, Object>> found = new IdentityHashMap<>();
                        Diagnostics d = new Diagnostics();
                        readGroupReporting(group, found, d);
                        synchronized (out) {
                            out.putAll(found);
                            diags.addAll(d);
                        }
                        return null;
                    })));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                diags.error("Refresh interrupted", "Reading " + all.get(0).get(0).type().kind()
                        + " objects was interrupted.", null);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        for (Map.Entry<Target, Map<String, Object>> e : out.entrySet()) {
            check(e.getKey(), e.getValue(), diags);
        }
        return out;
    }

    private void readGroupReporting(List<Target> group, Map<Target, Map<String, Object>> out, Diagnostics diags) {
        ResourceType type = group.get(0).type();
        String ns = group.get(0).namespace();
        try {
            readGroup(type, ns, group, out);
        } catch (ApiException e) {
            diags.add(Errors.diagnostic("list " + type.kind() + " objects" + (type.namespaced() ? " in namespace "
                    + ns : ""), e, Scrubber.of()));
        }
    }

    private void readGroup(ResourceType type, String ns, List<Target> group, Map<Target, Map<String, Object>> out) {
        if (group.size() == 1 && group.get(0).name() != null) {
            Target t = group.get(0);
            out.put(t, ctx.api().get(type, ns, t.name()));
            return;
        }
        Map<String, Map<String, Object>> byName = index(ctx.api().list(type, ns, LockstepKeys.SELECTOR, null));
        List<Target> missing = new ArrayList<>();
        for (Target t : group) {
            Map<String, Object> found = t.name() != null ? byName.get(t.name()) : byAddress(byName, t.address());
            if (found != null || t.name() == null) {
                out.put(t, found);
            } else {
                missing.add(t);
            }
        }
        if (missing.size() == 1) {
            Target t = missing.get(0);
            List<Map<String, Object>> l = ctx.api().list(type, ns, null, "metadata.name=" + t.name());
            out.put(t, l.isEmpty() ? null : l.get(0));
        } else if (missing.size() > 1) {
            Map<String, Map<String, Object>> all = index(ctx.api().list(type, ns, null, null));
            for (Target t : missing) {
                out.put(t, all.get(t.name()));
            }
        }
    }

    private static Map<String, Map<String, Object>> index(List<Map<String, Object>> items) {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Map<String, Object> o : items) {
            byName.put(Json.string(Json.object(o, "metadata"), "name"), o);
        }
        return byName;
    }

    private static Map<String, Object> byAddress(Map<String, Map<String, Object>> byName, String address) {
        for (Map<String, Object> o : byName.values()) {
            if (address.equals(annotation(o, LockstepKeys.ADDRESS))) {
                return o;
            }
        }
        return null;
    }

    static String annotation(Map<String, Object> o, String key) {
        return Json.string(Json.object(Json.object(o, "metadata"), "annotations"), key);
    }

    /** Warns about an object claimed by another lockstep address, and about one being deleted. */
    private static void check(Target t, Map<String, Object> live, Diagnostics diags) {
        if (live == null) {
            return;
        }
        Map<String, Object> meta = Json.object(live, "metadata");
        String name = Json.string(meta, "name");
        String claimed = annotation(live, LockstepKeys.ADDRESS);
        if (claimed != null && t.address() != null && !claimed.equals(t.address())) {
            diags.warning("Object claimed by another address", t.type().describe(t.namespace(), name) + " carries "
                    + "the lockstep address " + claimed + ", but " + t.address() + " manages it here. Two "
                    + "configurations (or a renamed resource without `lockstep state mv`) may be writing the same "
                    + "object.", null);
        }
        String deleting = Json.string(meta, "deletionTimestamp");
        if (deleting != null) {
            diags.warning("Object is terminating", t.type().describe(t.namespace(), name) + " (" + t.address()
                    + ") is being deleted since " + deleting + ", waiting on finalizers " + Json.array(meta,
                    "finalizers") + "; it will disappear once they are removed.", null);
        }
    }
}
