package dev.lockstep.provider.kubernetes.value;

import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between untyped JSON trees (maps, lists, strings, numbers, booleans, null, as Jackson
 * reads them) and {@link Value}s whose type follows the JSON: objects become objects and arrays
 * tuples, as an HCL object literal written by hand would be.
 */
public final class Json {

    private Json() {
    }

    /** The value of a JSON tree; JSON null becomes the untyped null. */
    public static Value toValue(Object json) {
        if (json == null) {
            return Value.NULL;
        }
        if (json instanceof String s) {
            return Value.string(s);
        }
        if (json instanceof Boolean b) {
            return Value.bool(b);
        }
        if (json instanceof Number n) {
            return Value.number(number(n));
        }
        if (json instanceof Map<?, ?> m) {
            Map<String, Value> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), toValue(v)));
            return Value.object(out);
        }
        if (json instanceof List<?> l) {
            List<Value> out = new ArrayList<>();
            for (Object o : l) {
                out.add(toValue(o));
            }
            return Value.tuple(out);
        }
        return Value.string(String.valueOf(json));
    }

    /** The JSON tree of a value; unknown values and nulls inside mappings are left out. */
    public static Object fromValue(Value v) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return null;
        }
        Value u = v.unmark();
        if (u.type() == dev.lockstep.api.value.Type.STRING) {
            return u.asString();
        }
        if (u.type() == dev.lockstep.api.value.Type.BOOL) {
            return u.asBool();
        }
        if (u.type() == dev.lockstep.api.value.Type.NUMBER) {
            BigDecimal n = u.asNumber();
            if (n.signum() == 0 || n.stripTrailingZeros().scale() <= 0) {
                try {
                    return n.longValueExact();
                } catch (ArithmeticException e) {
                    return n;
                }
            }
            return n;
        }
        if (u.isMapping()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : u.attributes().entrySet()) {
                Object o = fromValue(e.getValue());
                if (o != null) {
                    out.put(e.getKey(), o);
                }
            }
            return out;
        }
        if (u.isSequence()) {
            List<Object> out = new ArrayList<>();
            for (Value e : u.elements()) {
                out.add(fromValue(e));
            }
            return out;
        }
        return null;
    }

    static BigDecimal number(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof java.math.BigInteger bi) {
            return new BigDecimal(bi);
        }
        return new BigDecimal(n.toString());
    }

    /** The JSON object at {@code key} of {@code obj}, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> obj, String key) {
        Object o = obj == null ? null : obj.get(key);
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }

    /** The string at {@code key} of {@code obj}, or null. */
    public static String string(Map<String, Object> obj, String key) {
        Object o = obj == null ? null : obj.get(key);
        return o == null ? null : String.valueOf(o);
    }

    /** The JSON array at {@code key} of {@code obj}; empty when absent. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Map<String, Object> obj, String key) {
        Object o = obj == null ? null : obj.get(key);
        return o instanceof List<?> ? (List<Object>) o : List.of();
    }

    /** A deep, mutable copy of a JSON tree. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T json) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (json instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(copy(o));
            }
            return (T) out;
        }
        return json;
    }

    /** Whether two JSON trees are equal, comparing numbers by value. */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return number(x).compareTo(number(y)) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!same(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
