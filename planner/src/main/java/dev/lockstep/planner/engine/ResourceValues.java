package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.scope.ConfigScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Assembles the value a reference to a resource sees ({@code type.name}): the single instance's
 * value, a tuple of instances by index for {@code count}, or an object by key for
 * {@code for_each}. Thread-safe, because the applier updates instances from several threads.
 */
public final class ResourceValues {

    private final ConfigScope scope;
    private final Map<String, Map<InstanceKey, Value>> byResource = new LinkedHashMap<>();
    private final Map<String, ResourceConfig> configs = new LinkedHashMap<>();

    public ResourceValues(ConfigScope scope) {
        this.scope = scope;
    }

    /** Declares a configured resource with its instance keys (so references see every instance). */
    public synchronized void declare(ResourceConfig rc) {
        configs.put(key(rc.address()), rc);
        byResource.computeIfAbsent(key(rc.address()), k -> new TreeMap<>());
        publish(rc.address());
    }

    /** Sets one instance's value and republishes its resource's value to the scope. */
    public synchronized void set(ResourceAddress address, Value v) {
        byResource.computeIfAbsent(key(address), k -> new TreeMap<>()).put(address.key(), v);
        publish(address);
    }

    /** Removes an instance (deleted) and republishes. */
    public synchronized void remove(ResourceAddress address) {
        Map<InstanceKey, Value> m = byResource.get(key(address));
        if (m != null) {
            m.remove(address.key());
            publish(address);
        }
    }

    private static String key(ResourceAddress a) {
        return (a.isData() ? "data." : "") + a.type() + "." + a.name();
    }

    /**
     * The value a reference to managed resource {@code type.name} sees, with {@code view} applied
     * to each instance's value first (given the instance's address); null when the resource is
     * not declared. Used to evaluate an expression against another view of the same values, such
     * as the one with secrets redacted.
     */
    public synchronized Value assembled(String type, String name, BiFunction<ResourceAddress, Value, Value> view) {
        String key = type + "." + name;
        if (!configs.containsKey(key)) {
            return null;
        }
        return assemble(ResourceAddress.managed(type, name), view);
    }

    private Value assemble(ResourceAddress a, BiFunction<ResourceAddress, Value, Value> view) {
        ResourceConfig rc = configs.get(key(a));
        Map<InstanceKey, Value> m = byResource.getOrDefault(key(a), Map.of());
        ResourceAddress base = a.withoutKey();
        Value v;
        if (rc != null && rc.count() != null) {
            List<Value> els = new ArrayList<>();
            for (Map.Entry<InstanceKey, Value> e : m.entrySet()) {
                if (e.getKey() instanceof InstanceKey.Int) {
                    els.add(view.apply(base.withKey(e.getKey()), e.getValue()));
                }
            }
            v = Value.tuple(els);
        } else if (rc != null && rc.forEach() != null) {
            Map<String, Value> obj = new LinkedHashMap<>();
            for (Map.Entry<InstanceKey, Value> e : m.entrySet()) {
                if (e.getKey() instanceof InstanceKey.Str s) {
                    obj.put(s.value(), view.apply(base.withKey(e.getKey()), e.getValue()));
                }
            }
            v = Value.object(obj);
        } else {
            v = m.get(InstanceKey.NONE);
            v = v == null ? Value.DYNAMIC_UNKNOWN : view.apply(base, v);
        }
        return v;
    }

    private void publish(ResourceAddress a) {
        Value v = assemble(a, (addr, x) -> x);
        if (a.isData()) {
            scope.setData(a.type(), a.name(), v);
        } else {
            scope.setResource(a.type(), a.name(), v);
        }
    }
}
