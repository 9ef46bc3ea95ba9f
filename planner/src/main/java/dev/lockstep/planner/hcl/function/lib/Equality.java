package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * HCL's equality of values, which is three-valued: equal, not equal, or unknown when an unknown
 * value could still decide it. Values of different types are never equal, except that two nulls
 * are always equal; numbers compare by value; marks are ignored.
 */
public final class Equality {

    private Equality() {
    }

    /** TRUE, FALSE, or null when the answer is unknown. */
    public static Boolean equal(Value a, Value b) {
        if (!a.isKnown() && !b.isKnown()) {
            return null;
        }
        if (!a.isKnown() || !b.isKnown()) {
            Value known = a.isKnown() ? a : b;
            Value unknown = a.isKnown() ? b : a;
            if (known.isNull() || unknown.type().hasDynamic()) {
                return null;
            }
            return known.type().equals(unknown.type()) ? null : Boolean.FALSE;
        }
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        Type ta = a.type();
        Type tb = b.type();
        if (ta.hasDynamic() || tb.hasDynamic()) {
            if (!Conversion.typeConvertible(ta, tb) && !Conversion.typeConvertible(tb, ta)) {
                return Boolean.FALSE;
            }
        } else if (!ta.equals(tb)) {
            return Boolean.FALSE;
        }
        if (ta == Type.NUMBER && tb == Type.NUMBER) {
            return a.asNumber().compareTo(b.asNumber()) == 0;
        }
        if (ta == Type.STRING && tb == Type.STRING) {
            return a.asString().equals(b.asString());
        }
        if (ta == Type.BOOL && tb == Type.BOOL) {
            return a.asBool() == b.asBool();
        }
        if (ta.isPrimitive() || tb.isPrimitive()) {
            return ta.equals(tb) ? Boolean.TRUE : Boolean.FALSE;
        }
        if (a.isSet() && b.isSet()) {
            return sets(a.elements(), b.elements());
        }
        if (a.isSequence() && b.isSequence()) {
            return sequences(a.elements(), b.elements());
        }
        if (a.isMapping() && b.isMapping()) {
            return mappings(a.attributes(), b.attributes());
        }
        return Boolean.FALSE;
    }

    private static Boolean sequences(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            return Boolean.FALSE;
        }
        boolean unknown = false;
        for (int i = 0; i < a.size(); i++) {
            Boolean e = equal(a.get(i), b.get(i));
            if (e == null) {
                unknown = true;
            } else if (!e) {
                return Boolean.FALSE;
            }
        }
        return unknown ? null : Boolean.TRUE;
    }

    private static Boolean sets(List<Value> a, List<Value> b) {
        boolean anyUnknown = a.stream().anyMatch(v -> !v.isWhollyKnown()) || b.stream().anyMatch(v -> !v.isWhollyKnown());
        if (anyUnknown) {
            return null;
        }
        return sequences(a, b);
    }

    private static Boolean mappings(Map<String, Value> a, Map<String, Value> b) {
        if (!a.keySet().equals(b.keySet())) {
            return Boolean.FALSE;
        }
        boolean unknown = false;
        Iterator<Map.Entry<String, Value>> it = a.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Value> e = it.next();
            Boolean r = equal(e.getValue(), b.get(e.getKey()));
            if (r == null) {
                unknown = true;
            } else if (!r) {
                return Boolean.FALSE;
            }
        }
        return unknown ? null : Boolean.TRUE;
    }
}
