package dev.lockstep.state.codec;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensitive marks inside recorded values: where they are (so the file can list them, since JSON
 * values carry no marks) and putting them back on decode. Also the last line of defence against
 * writing a secret: a marked value that is not null is refused.
 */
final class Marks {

    private Marks() {
    }

    /**
     * The paths of every marked value inside {@code v}, in document order.
     *
     * @throws IllegalArgumentException if a marked value is not null: a secret would be written
     */
    static List<AttributePath> paths(Value v) {
        List<AttributePath> out = new ArrayList<>();
        collect(v, AttributePath.ROOT, out);
        return out;
    }

    private static void collect(Value v, AttributePath at, List<AttributePath> out) {
        if (v.isSensitive()) {
            if (!v.isNull()) {
                throw new IllegalArgumentException("refusing to record the sensitive value at "
                        + (at.isRoot() ? "the root" : at.toString())
                        + ": state holds only a null and a keyed hash in its place (redact it first)");
            }
            out.add(at);
            return;
        }
        if (v.isNull() || !v.isKnown()) {
            return;
        }
        if (v.isObject()) {
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                collect(e.getValue(), at.attr(e.getKey()), out);
            }
        } else if (v.isMap()) {
            for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
                collect(e.getValue(), at.key(e.getKey()), out);
            }
        } else if (v.isSequence()) {
            List<Value> el = v.elements();
            for (int i = 0; i < el.size(); i++) {
                collect(el.get(i), at.index(i), out);
            }
        }
    }

    /** {@code root} with the value at {@code path} marked sensitive; unchanged if the path does not exist. */
    static Value markAt(Value root, AttributePath path) {
        return markAt(root, path.steps(), 0);
    }

    private static Value markAt(Value v, List<AttributePath.Step> steps, int i) {
        if (i == steps.size()) {
            return v.markSensitive();
        }
        if (v.isNull() || !v.isKnown() || v.isSensitive()) {
            return v;
        }
        AttributePath.Step s = steps.get(i);
        if (s instanceof AttributePath.Index idx) {
            if (!(v.isList() || v.isTuple()) || idx.index() < 0 || idx.index() >= v.length()) {
                return v;
            }
            List<Value> el = new ArrayList<>(v.elements());
            el.set(idx.index(), markAt(el.get(idx.index()), steps, i + 1));
            return v.isList() ? Value.list(v.type().elementType(), el) : Value.tuple(el);
        }
        String key = s instanceof AttributePath.Attr a ? a.name() : ((AttributePath.Key) s).key();
        if (!v.isMapping() || v.get(key) == null) {
            return v;
        }
        Map<String, Value> m = new LinkedHashMap<>(v.attributes());
        m.put(key, markAt(m.get(key), steps, i + 1));
        return v.isMap() ? Value.map(v.type().elementType(), m) : Value.object(m);
    }
}
