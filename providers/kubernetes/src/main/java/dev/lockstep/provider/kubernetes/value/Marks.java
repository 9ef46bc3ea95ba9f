package dev.lockstep.provider.kubernetes.value;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensitive marks on values the provider builds: the schema's sensitive attributes are always
 * marked, and marks the configuration put elsewhere (a label set from a sensitive variable) are
 * copied from the value the new one replaces, so a refresh never differs from the plan by a mark.
 */
public final class Marks {

    private Marks() {
    }

    /** {@code v} with every attribute the schema declares sensitive marked. */
    public static Value apply(BlockSchema b, Value v) {
        if (!Values.present(v) || !v.isObject()) {
            return v;
        }
        Map<String, Value> out = new LinkedHashMap<>(v.attributes());
        for (AttributeSchema a : b.attributes().values()) {
            Value x = out.get(a.name());
            if (a.sensitive() && x != null && !x.isNull()) {
                out.put(a.name(), x.markSensitive());
            }
        }
        for (NestedBlockSchema nb : b.blocks().values()) {
            Value x = out.get(nb.name());
            if (!Values.present(x)) {
                continue;
            }
            if (x.isObject()) {
                out.put(nb.name(), apply(nb.block(), x));
            } else if (x.isList()) {
                List<Value> els = new ArrayList<>();
                for (Value e : x.elements()) {
                    els.add(apply(nb.block(), e));
                }
                out.put(nb.name(), Values.rebuild(x.type(), els));
            }
        }
        return Value.object(out).markSensitiveIf(v.isSensitive());
    }

    /** {@code target} with the sensitive marks of {@code template} copied to the same places. */
    public static Value copy(Value template, Value target) {
        if (template == null || target == null || !template.containsSensitive()) {
            return target;
        }
        if (template.isSensitive()) {
            return target.markSensitive();
        }
        if (!template.isKnown() || !target.isKnown() || template.isNull() || target.isNull()) {
            return target;
        }
        if (template.isMapping() && target.isMapping()) {
            Map<String, Value> out = new LinkedHashMap<>(target.attributes());
            boolean changed = false;
            for (Map.Entry<String, Value> e : template.attributes().entrySet()) {
                Value t = out.get(e.getKey());
                if (t != null && e.getValue().containsSensitive()) {
                    out.put(e.getKey(), copy(e.getValue(), t));
                    changed = true;
                }
            }
            if (!changed) {
                return target;
            }
            return target.isMap() ? Value.map(target.type().elementType(), out) : Value.object(out);
        }
        if (template.isList() && target.isList()) {
            List<Value> out = new ArrayList<>(target.elements());
            List<Value> te = template.elements();
            for (int i = 0; i < Math.min(te.size(), out.size()); i++) {
                out.set(i, copy(te.get(i), out.get(i)));
            }
            return Values.rebuild(target.type(), out);
        }
        if (template.isTuple() && target.isTuple()) {
            List<Value> out = new ArrayList<>(target.elements());
            List<Value> te = template.elements();
            for (int i = 0; i < Math.min(te.size(), out.size()); i++) {
                out.set(i, copy(te.get(i), out.get(i)));
            }
            return Value.tuple(out);
        }
        return target;
    }

    /**
     * {@code v} with every redacted placeholder (a sensitive-marked null, which is how a recorded
     * state holds a secret) replaced by an unknown of its type: the field is set, its value just
     * cannot be seen. Ownership treats such a field as owned and takes the live value.
     */
    public static Value placeholdersAsUnknown(Value v) {
        if (v == null || !v.containsSensitive()) {
            return v;
        }
        if (v.isNull()) {
            return v.isSensitive() ? Value.unknown(v.type()) : v;
        }
        if (!v.isKnown()) {
            return v;
        }
        boolean mark = v.isSensitive();
        Value u = v.unmark();
        Value out;
        if (u.isMapping()) {
            Map<String, Value> m = new LinkedHashMap<>();
            u.attributes().forEach((k, x) -> m.put(k, placeholdersAsUnknown(x)));
            out = u.isMap() ? Value.map(u.type().elementType(), m) : Value.object(m);
        } else if (u.isSequence()) {
            List<Value> els = new ArrayList<>();
            for (Value e : u.elements()) {
                els.add(placeholdersAsUnknown(e));
            }
            out = u.isTuple() ? Value.tuple(els) : Values.rebuild(u.type(), els);
        } else {
            out = u;
        }
        return out.markSensitiveIf(mark);
    }
}
