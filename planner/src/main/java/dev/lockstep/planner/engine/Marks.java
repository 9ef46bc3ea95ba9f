package dev.lockstep.planner.engine;

import dev.lockstep.api.log.SecretScrubber;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.SecretHasher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sensitive marks on resource values: finding the marked paths, marking paths and schema
 * attributes, and redacting a value for state (each marked subtree replaced by a null of its type,
 * marked, with the keyed hash kept aside).
 */
public final class Marks {

    private Marks() {
    }

    /** The paths of every marked value in {@code v} (not descending into marked values). */
    public static List<AttributePath> paths(Value v) {
        List<AttributePath> out = new ArrayList<>();
        collect(v, AttributePath.ROOT, out);
        return out;
    }

    private static void collect(Value v, AttributePath at, List<AttributePath> out) {
        if (v == null) {
            return;
        }
        if (v.isSensitive()) {
            out.add(at);
            return;
        }
        if (v.isNull() || !v.isKnown()) {
            return;
        }
        if (v.isSequence()) {
            List<Value> els = v.elements();
            for (int i = 0; i < els.size(); i++) {
                collect(els.get(i), at.index(i), out);
            }
        } else if (v.isMapping()) {
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                collect(e.getValue(), at.isRoot() || v.isObject() ? at.attr(e.getKey()) : at.key(e.getKey()), out);
            }
        }
    }

    /**
     * {@code v} with the value at each path marked sensitive. Paths that do not exist are ignored,
     * and so are nulls: a null has nothing to hide, and a marked null means a redacted placeholder.
     */
    public static Value mark(Value v, Collection<AttributePath> paths) {
        Value out = v;
        for (AttributePath p : paths) {
            out = transform(out, p.steps(), 0, x -> x.isNull() ? x : x.markSensitive());
        }
        SecretScrubber.register(out);
        return out;
    }

    /** {@code v} with every attribute the schema declares sensitive marked, at any depth. */
    public static Value markSchema(Value v, BlockSchema schema) {
        Value out = markSchemaOnly(v, schema);
        SecretScrubber.register(out);
        return out;
    }

    private static Value markSchemaOnly(Value v, BlockSchema schema) {
        if (v == null || v.isNull() || !v.isKnown() || !v.isMapping()) {
            return v;
        }
        Map<String, Value> m = new LinkedHashMap<>(v.attributes());
        boolean changed = false;
        for (AttributeSchema a : schema.attributes().values()) {
            Value x = m.get(a.name());
            if (a.sensitive() && x != null && !x.isSensitive() && !x.isNull()) {
                m.put(a.name(), x.markSensitive());
                changed = true;
            }
        }
        for (NestedBlockSchema b : schema.blocks().values()) {
            Value x = m.get(b.name());
            if (x == null || x.isNull() || !x.isKnown()) {
                continue;
            }
            Value y;
            if (x.isSequence()) {
                List<Value> els = new ArrayList<>();
                for (Value e : x.elements()) {
                    els.add(markSchemaOnly(e, b.block()));
                }
                y = rebuildSequence(x, els);
            } else {
                y = markSchemaOnly(x, b.block());
            }
            if (y != x) {
                m.put(b.name(), y);
                changed = true;
            }
        }
        return changed ? Value.object(m).markSensitiveIf(v.isSensitive()) : v;
    }

    /** The redacted value and the hashes of what was removed. */
    public record Redacted(Value value, Map<AttributePath, String> hashes) {
    }

    /**
     * Replaces every marked subtree by a null of its type (marked) and returns the keyed hashes of
     * the removed values. Unknown marked values are kept as they are (there is nothing to hide).
     */
    public static Redacted redact(Value v, SecretHasher hasher) {
        Map<AttributePath, String> hashes = new TreeMap<>();
        Value out = v;
        for (AttributePath p : paths(v)) {
            Value secret = p.get(v);
            if (secret == null || !secret.isKnown() || secret.isNull()) {
                continue; // nothing to hide (or already a redacted placeholder)
            }
            hashes.put(p, hasher.hash(secret));
            out = replace(out, p, Value.nullOf(secret.type()).markSensitive());
        }
        return new Redacted(out, hashes);
    }

    /** {@code v} with the value at {@code p} (if there is one) replaced by {@code with}. */
    public static Value replace(Value v, AttributePath p, Value with) {
        return transform(v, p.steps(), 0, x -> with);
    }

    private static Value transform(Value v, List<AttributePath.Step> steps, int i, java.util.function.UnaryOperator<Value> f) {
        if (i == steps.size()) {
            return f.apply(v);
        }
        if (v == null || v.isNull() || !v.isKnown()) {
            return v;
        }
        AttributePath.Step s = steps.get(i);
        if (s instanceof AttributePath.Index idx) {
            if (!v.isSequence() || idx.index() >= v.length()) {
                return v;
            }
            List<Value> els = new ArrayList<>(v.elements());
            els.set(idx.index(), transform(els.get(idx.index()), steps, i + 1, f));
            return rebuildSequence(v, els).markSensitiveIf(v.isSensitive());
        }
        String key = s instanceof AttributePath.Attr a ? a.name() : ((AttributePath.Key) s).key();
        if (!v.isMapping() || v.get(key) == null) {
            return v;
        }
        Map<String, Value> m = new LinkedHashMap<>(v.attributes());
        m.put(key, transform(m.get(key), steps, i + 1, f));
        Value out = v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
        return out.markSensitiveIf(v.isSensitive());
    }

    private static Value rebuildSequence(Value original, List<Value> els) {
        if (original.isTuple()) {
            return Value.tuple(els);
        }
        dev.lockstep.api.value.Type et = original.type().elementType();
        return original.isSet() ? Value.set(et, els) : Value.list(et, els);
    }
}
