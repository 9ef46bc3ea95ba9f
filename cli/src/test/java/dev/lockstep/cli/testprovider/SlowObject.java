package dev.lockstep.cli.testprovider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ApplyRequest;
import dev.lockstep.api.provider.ApplyResponse;
import dev.lockstep.api.provider.ResourceCreator;
import dev.lockstep.api.provider.ResourceDeleter;
import dev.lockstep.api.provider.ResourceHandler;
import dev.lockstep.api.provider.ResourceImporter;
import dev.lockstep.api.provider.ResourceUpdater;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The handler of {@code slowtest_object}: CRUD on the object file, each call delayed, LIST-style batched read. */
final class SlowObject implements ResourceHandler, ResourceCreator, ResourceUpdater, ResourceDeleter,
        ResourceImporter {

    private final ObjectStore store;
    private final long delayMs;
    private final Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();

    /** Calls in flight right now, across every instance in this JVM (for the parallelism tests). */
    static final java.util.concurrent.atomic.AtomicInteger IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();
    /** The most calls ever in flight at once since the last {@link #resetTracking()}. */
    static final java.util.concurrent.atomic.AtomicInteger MAX_IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();
    /** Every mutating call, in the order it started: "POST name", "PUT name", "DELETE name". */
    static final List<String> CALLS = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Clears the concurrency tracking. */
    public static void resetTracking() {
        IN_FLIGHT.set(0);
        MAX_IN_FLIGHT.set(0);
        CALLS.clear();
    }

    public static int maxInFlight() {
        return MAX_IN_FLIGHT.get();
    }

    public static List<String> calls() {
        synchronized (CALLS) {
            return new ArrayList<>(CALLS);
        }
    }

    SlowObject(ObjectStore store, long delayMs) {
        this.store = store;
        this.delayMs = delayMs;
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void call(String endpoint) {
        call(endpoint, null);
    }

    private void call(String endpoint, String name) {
        counts.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
        if (name != null) {
            CALLS.add(endpoint.substring(0, endpoint.indexOf(' ')) + " " + name);
        }
        int now = IN_FLIGHT.incrementAndGet();
        MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
        try {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    @Override
    public ResourceSchema schema() {
        return SlowProviderFactory.OBJECT;
    }

    private static Value toValue(ObjectNode o) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("id", Value.string(o.get("id").asText()));
        m.put("name", Value.string(o.get("name").asText()));
        m.put("value", o.hasNonNull("value") ? Value.string(o.get("value").asText()) : Value.nullOf(
                dev.lockstep.api.value.Type.STRING));
        m.put("secret", o.hasNonNull("secret") ? Value.string(o.get("secret").asText()) : Value.nullOf(
                dev.lockstep.api.value.Type.STRING));
        m.put("fail", Value.nullOf(dev.lockstep.api.value.Type.BOOL));
        return Value.object(m);
    }

    @Override
    public ReadResponse read(List<ReadObject> objects) {
        call("LIST objects");
        Map<String, ObjectNode> all = store.read();
        List<ReadResult> out = new ArrayList<>();
        for (ReadObject o : objects) {
            String name = o.prior().get("name").asString();
            ObjectNode found = all.get(name);
            out.add(new ReadResult(o.address(), found == null ? null : found.get("id").asText(),
                    found == null ? null : toValue(found)));
        }
        return new ReadResponse(out, new Diagnostics());
    }

    private static String str(Value v) {
        return v == null || v.isNull() ? null : v.unmarkDeep().asString();
    }

    @Override
    public ApplyResponse create(ApplyRequest r) {
        call("POST object", str(r.planned().get("name")));
        Value fail = r.planned().get("fail");
        if (fail != null && !fail.isNull() && fail.asBool()) {
            return ApplyResponse.failed(new Diagnostics().error("Create refused",
                    "The test object was configured to fail.", null));
        }
        String name = str(r.planned().get("name"));
        Map<String, ObjectNode> after = store.update(m -> {
            ObjectNode o = m.get(name);
            if (o == null) {
                o = JsonNodeFactory.instance.objectNode();
                o.put("id", UUID.randomUUID().toString());
                o.put("name", name);
                o.put("creates", 0);
            }
            o.put("creates", o.get("creates").asInt() + 1);
            o.put("value", str(r.planned().get("value")));
            o.put("secret", str(r.planned().get("secret")));
            m.put(name, o);
            return m;
        });
        ObjectNode o = after.get(name);
        return ApplyResponse.ok(o.get("id").asText(), toValue(o));
    }

    @Override
    public ApplyResponse update(ApplyRequest r) {
        call("PUT object", str(r.planned().get("name")));
        Value fail = r.planned().get("fail");
        if (fail != null && !fail.isNull() && fail.asBool()) {
            return ApplyResponse.failed(new Diagnostics().error("Update refused",
                    "The test object was configured to fail.", null));
        }
        String name = str(r.planned().get("name"));
        Map<String, ObjectNode> after = store.update(m -> {
            ObjectNode o = m.get(name);
            if (o != null) {
                o.put("value", str(r.planned().get("value")));
                o.put("secret", str(r.planned().get("secret")));
            }
            return m;
        });
        ObjectNode o = after.get(name);
        if (o == null) {
            return ApplyResponse.failed(new Diagnostics().error("Object not found", "The object " + name
                    + " no longer exists.", null));
        }
        return ApplyResponse.ok(o.get("id").asText(), toValue(o));
    }

    @Override
    public Diagnostics delete(ApplyRequest r) {
        call("DELETE object", str(r.prior().get("name")));
        String name = str(r.prior().get("name"));
        store.update(m -> {
            m.remove(name);
            return m;
        });
        return new Diagnostics();
    }

    @Override
    public ImportResponse importObject(String id) {
        call("GET object");
        ObjectNode o = store.read().get(id);
        if (o == null) {
            return new ImportResponse(null, null, new Diagnostics().error("Cannot import non-existent remote object",
                    "There is no slowtest object named \"" + id + "\".", null));
        }
        return new ImportResponse(o.get("id").asText(), toValue(o), new Diagnostics());
    }
}
