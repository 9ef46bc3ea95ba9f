package dev.lockstep.state;

import dev.lockstep.api.addr.ResourceAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The decoded, in-memory state of one configuration: its lineage (fixed at creation, so two
 * different states can never be confused), a serial that grows with every persisted version, the
 * key for secret hashes, the resource instances and the outputs. Immutable; operations return
 * new states.
 *
 * @param lineage random identifier fixed when the state is first created
 * @param serial version number; every persisted version has a larger serial than the previous
 * @param hashKey the per-state HMAC key for {@link SecretHasher} (so equal secrets in two states
 *     hash differently); base64 in the file
 */
public record State(String lineage, long serial, byte[] hashKey, Map<ResourceAddress, ResourceInstance> resources,
        Map<String, OutputValue> outputs) {

    public State {
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(hashKey, "hashKey");
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    /** A new, empty state with a fresh lineage and hash key, serial 0 (nothing persisted yet). */
    public static State empty() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return new State(java.util.UUID.randomUUID().toString(), 0, key, Map.of(), Map.of());
    }

    /**
     * Whether a version after this one can be stored: false at the largest serial there is
     * ({@link Long#MAX_VALUE}). Commands that write the state check this before changing anything.
     */
    public boolean canAdvance() {
        return serial < Long.MAX_VALUE;
    }

    public ResourceInstance resource(ResourceAddress a) {
        return resources.get(a);
    }

    public State withResource(ResourceInstance r) {
        Map<ResourceAddress, ResourceInstance> m = new TreeMap<>(resources);
        m.put(r.address(), r);
        return new State(lineage, serial, hashKey, m, outputs);
    }

    public State withoutResource(ResourceAddress a) {
        Map<ResourceAddress, ResourceInstance> m = new TreeMap<>(resources);
        m.remove(a);
        return new State(lineage, serial, hashKey, m, outputs);
    }

    public State withOutputs(Map<String, OutputValue> o) {
        return new State(lineage, serial, hashKey, resources, o);
    }

    public State withSerial(long s) {
        return new State(lineage, s, hashKey, resources, outputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && s.lineage.equals(lineage) && s.serial == serial
                && java.util.Arrays.equals(s.hashKey, hashKey) && s.resources.equals(resources)
                && s.outputs.equals(outputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lineage, serial, resources, outputs);
    }

    @Override
    public String toString() {
        return "State[lineage=" + lineage + ", serial=" + serial + ", resources=" + resources.keySet() + "]";
    }
}
