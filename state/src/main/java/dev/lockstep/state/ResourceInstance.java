package dev.lockstep.state;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One resource instance as recorded in state (decoded form). Secret values are never held here:
 * at each path in {@code secretHashes} the attributes hold a null of the real type marked
 * sensitive, and the map holds the keyed hash of the real value ({@link SecretHasher}), which is
 * enough to detect a change.
 *
 * @param address the instance address, such as {@code kubernetes_role.reader["a"]}
 * @param provider the provider name that manages it ({@code kubernetes}, {@code terraform})
 * @param schemaVersion the resource schema version the attributes were written with
 * @param id the object's identity in its system; null only while {@link Status#PENDING_CREATE}
 * @param attributes the object's attributes (an object value), secrets replaced as described
 * @param secretHashes attribute path to keyed hash, for every sensitive attribute
 * @param dependencies addresses (without keys) of what this instance depended on when applied,
 *     so that a later delete can run in reverse order even after the configuration is gone
 * @param status ready, or an interrupted create that the next plan must reconcile
 * @param createdAt when lockstep created (or imported) it
 * @param updatedAt when lockstep last wrote it
 */
public record ResourceInstance(ResourceAddress address, String provider, int schemaVersion, String id,
        Value attributes, Map<AttributePath, String> secretHashes, List<String> dependencies, Status status,
        Instant createdAt, Instant updatedAt) {

    /** Lifecycle status of a recorded instance. */
    public enum Status {
        /** Created (or imported) and recorded. */
        READY,
        /**
         * A create was started but its result was never recorded (the process died or the call
         * failed ambiguously); the object may or may not exist and must be looked up by its
         * natural key before creating it again.
         */
        PENDING_CREATE,
        /** A create or update failed part-way; the object exists but must be replaced. */
        TAINTED
    }

    public ResourceInstance {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(status, "status");
        secretHashes = Collections.unmodifiableMap(new TreeMap<>(secretHashes));
        dependencies = List.copyOf(dependencies);
    }

    public ResourceInstance withStatus(Status s) {
        return new ResourceInstance(address, provider, schemaVersion, id, attributes, secretHashes, dependencies, s,
                createdAt, updatedAt);
    }

    public ResourceInstance withAddress(ResourceAddress a) {
        return new ResourceInstance(a, provider, schemaVersion, id, attributes, secretHashes, dependencies, status,
                createdAt, updatedAt);
    }
}
