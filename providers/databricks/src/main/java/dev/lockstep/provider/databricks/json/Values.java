package dev.lockstep.provider.databricks.json;

import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.NestedBlockSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for reading and reshaping resource values. */
public final class Values {

    private Values() {
    }

    /** The attribute as a known string, or null. */
    public static String str(Value obj, String name) {
        Value v = get(obj, name);
        return v == null || v.type() != Type.STRING ? null : v.unmark().asString();
    }

    /** The attribute as a known number, or null. */
    public static BigDecimal num(Value obj, String name) {
        Value v = get(obj, name);
        return v == null || v.type() != Type.NUMBER ? null : v.unmark().asNumber();
    }

    /** The attribute as a known bool, or {@code dflt}. */
    public static boolean bool(Value obj, String name, boolean dflt) {
        Value v = get(obj, name);
        return v == null || v.type() != Type.BOOL ? dflt : v.unmark().asBool();
    }

    /** The attribute when known and non-null, else null. */
    public static Value get(Value obj, String name) {
        if (obj == null || obj.isNull() || !obj.isKnown() || !obj.isMapping()) {
            return null;
        }
        Value v = obj.get(name);
        return v == null || v.isNull() || !v.isKnown() ? null : v;
    }

    /** Whether the attribute is unknown (known after apply). */
    public static boolean unknown(Value obj, String name) {
        if (obj == null || obj.isNull() || !obj.isKnown()) {
            return obj != null && !obj.isKnown();
        }
        Value v = obj.get(name);
        return v != null && !v.isKnown();
    }

    /** The elements of a known list or set attribute (empty when null or unknown). */
    public static List<Value> elements(Value obj, String name) {
        Value v = get(obj, name);
        return v == null || !v.isSequence() ? List.of() : v.elements();
    }

    /** {@code obj} with one attribute replaced. */
    public static Value with(Value obj, String name, Value v) {
        Map<String, Value> m = new LinkedHashMap<>(obj.attributes());
        m.put(name, v);
        return Value.object(m);
    }

    public static Value string(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.string(s);
    }

    public static Value number(Number n) {
        return n == null ? Value.nullOf(Type.NUMBER) : Value.number(new BigDecimal(n.toString()));
    }

    /** Equal ignoring marks; null and absent are equal; unknown equals nothing. */
    public static boolean same(Value a, Value b) {
        boolean an = a == null || a.isNull();
        boolean bn = b == null || b.isNull();
        if (an || bn) {
            return an && bn;
        }
        return a.isWhollyKnown() && b.isWhollyKnown() && a.unmarkDeep().equals(b.unmarkDeep());
    }

    /**
     * The canonical shape of a value: empty maps, lists and sets of attributes become null, and a
     * single block whose content is all null or empty becomes null, at every depth. Read results
     * and plans are both normalised, so "{}" and "not set" never differ.
     */
    public static Value normalize(Value v, BlockSchema s) {
        if (v == null || v.isNull() || !v.isKnown() || !v.isMapping()) {
            return v;
        }
        Map<String, Value> m = new LinkedHashMap<>(v.attributes());
        for (AttributeSchema a : s.attributes().values()) {
            Value x = m.get(a.name());
            if (x != null && x.isKnown() && !x.isNull() && (x.isSequence() || x.isMapping()) && x.length() == 0
                    && !a.type().isPrimitive()) {
                m.put(a.name(), Value.nullOf(a.type()).markSensitiveIf(x.isSensitive()));
            }
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            Value x = m.get(b.name());
            if (x == null || x.isNull() || !x.isKnown()) {
                continue;
            }
            if (b.nesting() == NestedBlockSchema.Nesting.SINGLE) {
                Value n = normalize(x, b.block());
                m.put(b.name(), isEmptyBlock(n, b.block()) ? Value.nullOf(b.block().impliedType()) : n);
            } else if (x.isSequence()) {
                List<Value> els = new ArrayList<>();
                for (Value e : x.elements()) {
                    els.add(normalize(e, b.block()));
                }
                Type et = b.block().impliedType();
                m.put(b.name(), x.isSet() ? Value.set(et, els) : x.isTuple() ? Value.tuple(els) : Value.list(et, els));
            }
        }
        return Value.object(m).markSensitiveIf(v.isSensitive());
    }

    /** Whether every attribute is null and every nested block null or empty. */
    public static boolean isEmptyBlock(Value v, BlockSchema s) {
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isKnown()) {
            return false;
        }
        for (AttributeSchema a : s.attributes().values()) {
            Value x = v.get(a.name());
            if (x != null && !x.isNull()) {
                return false;
            }
        }
        for (NestedBlockSchema b : s.blocks().values()) {
            Value x = v.get(b.name());
            if (x == null || x.isNull()) {
                continue;
            }
            if (!x.isKnown()) {
                return false;
            }
            if (b.nesting() == NestedBlockSchema.Nesting.SINGLE ? !isEmptyBlock(x, b.block()) : x.length() > 0) {
                return false;
            }
        }
        return true;
    }
}
