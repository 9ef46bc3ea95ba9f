package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets lockstep does not keep: state holds a redacted placeholder (a marked null) where a
 * secret was, and a value that exists only at creation (a token's value) can never be read back.
 * When a configuration refers to such a value, the reference evaluates to the placeholder; this
 * class lets the consumer keep what it holds (the live value at the same place) instead of
 * overwriting it with nothing, and reports the one case it cannot resolve: a new consumer of a
 * value that no longer exists anywhere.
 */
final class Placeholders {

    private Placeholders() {
    }

    static boolean isPlaceholder(Value v) {
        return v != null && v.isNull() && v.isSensitive();
    }

    /** {@code config} with every placeholder replaced by the prior value at the same path. */
    static Value fill(ResourceAddress address, Value config, Value prior, Diagnostics diags) {
        if (config == null || !contains(config)) {
            return config;
        }
        List<AttributePath> missing = new ArrayList<>();
        Value out = fill(config, prior, AttributePath.ROOT, missing);
        if (!missing.isEmpty()) {
            diags.error("Value not available", "The configuration of " + address + " sets "
                    + String.join(", ", missing.stream().map(AttributePath::toString).toList()) + " from a secret "
                    + "lockstep does not keep (such as a token's value, which exists only when the token is created), "
                    + "and the object does not hold it yet. Replace the source of the secret in the same apply "
                    + "(for example `lockstep apply --replace ADDRESS_OF_THE_TOKEN`) so that the new value flows here.",
                    null);
        }
        return out;
    }

    private static boolean contains(Value v) {
        if (isPlaceholder(v)) {
            return true;
        }
        if (v.isNull() || !v.isKnown()) {
            return false;
        }
        if (v.isSequence()) {
            return v.elements().stream().anyMatch(Placeholders::contains);
        }
        if (v.isMapping()) {
            return v.attributes().values().stream().anyMatch(Placeholders::contains);
        }
        return false;
    }

    private static Value fill(Value c, Value p, AttributePath at, List<AttributePath> missing) {
        if (isPlaceholder(c)) {
            if (p != null && !p.isNull() && p.isKnown()) {
                return p.markSensitive();
            }
            missing.add(at);
            return c;
        }
        if (c.isNull() || !c.isKnown() || !contains(c)) {
            return c;
        }
        boolean priorUsable = p != null && !p.isNull() && p.isKnown();
        if (c.isMapping()) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : c.attributes().entrySet()) {
                Value pe = priorUsable && p.isMapping() ? p.get(e.getKey()) : null;
                AttributePath next = c.isObject() || at.isRoot() ? at.attr(e.getKey()) : at.key(e.getKey());
                m.put(e.getKey(), fill(e.getValue(), pe, next, missing));
            }
            Value out = c.isMap() ? mapOf(c, m) : Value.object(m);
            return out.markSensitiveIf(c.isSensitive());
        }
        List<Value> els = new ArrayList<>();
        for (int i = 0; i < c.length(); i++) {
            Value pe = priorUsable && p.isSequence() && !p.isSet() && i < p.length() ? p.elements().get(i) : null;
            els.add(fill(c.elements().get(i), pe, at.index(i), missing));
        }
        Value out = c.isTuple() ? Value.tuple(els) : c.isSet() ? Value.set(c.type().elementType(), els)
                : Value.list(c.type().elementType(), els);
        return out.markSensitiveIf(c.isSensitive());
    }

    private static Value mapOf(Value like, Map<String, Value> m) {
        try {
            return Value.map(like.type().elementType(), m);
        } catch (IllegalArgumentException e) {
            return Value.object(m);
        }
    }
}
