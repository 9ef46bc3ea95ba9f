package dev.lockstep.state;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a resource instance as a provider returned it (secrets as sensitive-marked values) into
 * its recordable form: each marked, non-null value becomes a marked null of the same type and its
 * keyed hash goes into {@code secretHashes}. The state codec refuses anything else, so the value
 * of a secret can never reach a state file, a snapshot or the journal.
 */
public final class Redactor {

    private final SecretHasher hasher;

    public Redactor(SecretHasher hasher) {
        this.hasher = hasher;
    }

    /** A redactor keyed for {@code state} (its hash key). */
    public static Redactor forState(State state) {
        return new Redactor(new SecretHasher(state.hashKey()));
    }

    /** {@code r} with every sensitive value replaced by a null and a hash; unchanged when there is none. */
    public ResourceInstance redact(ResourceInstance r) {
        if (!r.attributes().containsSensitive()) {
            return r;
        }
        Map<AttributePath, String> hashes = new TreeMap<>(r.secretHashes());
        Value attrs = redact(r.attributes(), AttributePath.ROOT, hashes);
        return new ResourceInstance(r.address(), r.provider(), r.schemaVersion(), r.id(), attrs, hashes,
                r.dependencies(), r.status(), r.createdAt(), r.updatedAt());
    }

    private Value redact(Value v, AttributePath at, Map<AttributePath, String> hashes) {
        if (v.isSensitive()) {
            if (!v.isNull() && v.isKnown()) {
                hashes.put(at, hasher.hash(v));
            }
            return Value.nullOf(v.type()).markSensitive();
        }
        if (v.isNull() || !v.isKnown() || !v.containsSensitive()) {
            return v;
        }
        if (v.isMapping()) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                m.put(e.getKey(), redact(e.getValue(), v.isObject() ? at.attr(e.getKey()) : at.key(e.getKey()), hashes));
            }
            return v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
        }
        List<Value> el = new ArrayList<>();
        for (int i = 0; i < v.length(); i++) {
            el.add(redact(v.elements().get(i), at.index(i), hashes));
        }
        return v.isList() ? Value.list(v.type().elementType(), el) : Value.tuple(el);
    }
}
