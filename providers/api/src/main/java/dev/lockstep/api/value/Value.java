package dev.lockstep.api.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable HCL value: a typed null, an unknown ("known after apply"), a string, an
 * arbitrary-precision number, a bool, or a list, set, map, tuple or object of values. Any value
 * may carry the sensitive mark; marks are per value, so a known list may hold one sensitive
 * element (sets lift their elements' marks onto the set itself).
 *
 * <p>Strings are kept in Unicode NFC; numbers are {@link BigDecimal}s without trailing zeros; the
 * attributes of maps and objects iterate in the code-point order of their keys.
 *
 * <p>The central value type, long because every kind of value and its accessors live here, so that
 * the invariants above are enforced by one constructor path.
 */
public final class Value {

    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "(known after apply)";
        }
    };

    public static final Value TRUE = new Value(Type.BOOL, Boolean.TRUE, false);
    public static final Value FALSE = new Value(Type.BOOL, Boolean.FALSE, false);
    /** The untyped null, the value of the literal {@code null}. */
    public static final Value NULL = new Value(Type.DYNAMIC, null, false);
    /** An unknown value whose type is not known either. */
    public static final Value DYNAMIC_UNKNOWN = new Value(Type.DYNAMIC, UNKNOWN, false);
    public static final Value EMPTY_STRING = new Value(Type.STRING, "", false);
    public static final Value EMPTY_TUPLE = new Value(TupleType.EMPTY, List.of(), false);
    public static final Value EMPTY_OBJECT = new Value(ObjectType.EMPTY, Map.of(), false);

    private final Type type;
    private final Object raw;
    private final boolean sensitive;
    /** Whether this value or any value inside it is marked sensitive (values are immutable). */
    private final boolean containsSensitive;

    private Value(Type type, Object raw, boolean sensitive) {
        this.type = type;
        this.raw = raw;
        this.sensitive = sensitive;
        this.containsSensitive = sensitive || anyMarked(raw);
    }

    private static boolean anyMarked(Object raw) {
        if (raw instanceof List<?> l) {
            for (Object o : l) {
                if (((Value) o).containsSensitive) {
                    return true;
                }
            }
        } else if (raw instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (((Value) o).containsSensitive) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- constructors

    public static Value string(String s) {
        Objects.requireNonNull(s, "string");
        return new Value(Type.STRING, nfc(s), false);
    }

    public static Value number(BigDecimal n) {
        Objects.requireNonNull(n, "number");
        return new Value(Type.NUMBER, normalize(n), false);
    }

    public static Value number(long n) {
        return new Value(Type.NUMBER, BigDecimal.valueOf(n), false);
    }

    public static Value number(BigInteger n) {
        return number(new BigDecimal(n));
    }

    public static Value bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Value nullOf(Type type) {
        return type == Type.DYNAMIC ? NULL : new Value(type, null, false);
    }

    public static Value unknown(Type type) {
        return type == Type.DYNAMIC ? DYNAMIC_UNKNOWN : new Value(type, UNKNOWN, false);
    }

    /** A list whose elements must all have exactly {@code elementType} (or be dynamic nulls/unknowns). */
    public static Value list(Type elementType, List<Value> elements) {
        return new Value(new ListType(elementType), checkElements(elementType, elements), false);
    }

    /** A list of the given non-empty elements, which must all have the same type. */
    public static Value listOf(List<Value> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("listOf needs an element to infer the type; use list(type, ...)");
        }
        return list(elements.get(0).type(), elements);
    }

    public static Value emptyList(Type elementType) {
        return new Value(new ListType(elementType), List.of(), false);
    }

    /**
     * A set of the given elements: duplicates are dropped, elements ordered in the set order, and
     * sensitive marks on elements move to the set itself.
     */
    public static Value set(Type elementType, Collection<Value> elements) {
        boolean marked = false;
        List<Value> unmarked = new ArrayList<>(elements.size());
        for (Value v : elements) {
            if (v.containsSensitive()) {
                marked = true;
                v = v.unmarkDeep();
            }
            unmarked.add(v);
        }
        List<Value> checked = checkElements(elementType, unmarked);
        List<Value> sorted = new ArrayList<>(checked);
        sorted.sort(SetOrder.INSTANCE);
        List<Value> distinct = new ArrayList<>(sorted.size());
        for (Value v : sorted) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(v) || !v.isWhollyKnown()) {
                distinct.add(v);
            }
        }
        return new Value(new SetType(elementType), Collections.unmodifiableList(distinct), marked);
    }

    public static Value map(Type elementType, Map<String, Value> entries) {
        Map<String, Value> sorted = sortedCopy(entries);
        checkElements(elementType, sorted.values());
        return new Value(new MapType(elementType), sorted, false);
    }

    public static Value tuple(List<Value> elements) {
        if (elements.isEmpty()) {
            return EMPTY_TUPLE;
        }
        List<Type> types = new ArrayList<>(elements.size());
        for (Value v : elements) {
            types.add(v.type);
        }
        return new Value(new TupleType(types), List.copyOf(elements), false);
    }

    public static Value object(Map<String, Value> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY_OBJECT;
        }
        Map<String, Value> sorted = sortedCopy(attributes);
        Map<String, Type> types = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : sorted.entrySet()) {
            types.put(e.getKey(), e.getValue().type);
        }
        return new Value(new ObjectType(types), sorted, false);
    }

    // ---------------------------------------------------------------- inspection

    public Type type() {
        return type;
    }

    public boolean isNull() {
        return raw == null;
    }

    /** False for an unknown value; a known collection may still contain unknown elements. */
    public boolean isKnown() {
        return raw != UNKNOWN;
    }

    /** True when neither this value nor anything inside it is unknown. */
    public boolean isWhollyKnown() {
        if (raw == UNKNOWN) {
            return false;
        }
        if (raw instanceof List<?> l) {
            for (Object o : l) {
                if (!((Value) o).isWhollyKnown()) {
                    return false;
                }
            }
        } else if (raw instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (!((Value) o).isWhollyKnown()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether this value itself carries the sensitive mark (not its elements). */
    public boolean isSensitive() {
        return sensitive;
    }

    /** Whether this value or anything inside it carries the sensitive mark. */
    public boolean containsSensitive() {
        return containsSensitive;
    }

    public boolean isList() {
        return type instanceof ListType;
    }

    public boolean isSet() {
        return type instanceof SetType;
    }

    public boolean isMap() {
        return type instanceof MapType;
    }

    public boolean isTuple() {
        return type instanceof TupleType;
    }

    public boolean isObject() {
        return type instanceof ObjectType;
    }

    /** List, set or tuple: something with an ordered sequence of elements. */
    public boolean isSequence() {
        return isList() || isSet() || isTuple();
    }

    /** Map or object: something with string keys. */
    public boolean isMapping() {
        return isMap() || isObject();
    }

    public String asString() {
        return (String) known(Type.STRING);
    }

    public BigDecimal asNumber() {
        return (BigDecimal) known(Type.NUMBER);
    }

    public boolean asBool() {
        return (Boolean) known(Type.BOOL);
    }

    /** The elements of a known, non-null list, set or tuple. */
    @SuppressWarnings("unchecked")
    public List<Value> elements() {
        if (!(raw instanceof List<?>)) {
            throw new IllegalStateException("not a known sequence: " + describe());
        }
        return (List<Value>) raw;
    }

    /** The entries of a known, non-null map or object, in key order. */
    @SuppressWarnings("unchecked")
    public Map<String, Value> attributes() {
        if (!(raw instanceof Map<?, ?>)) {
            throw new IllegalStateException("not a known mapping: " + describe());
        }
        return (Map<String, Value>) raw;
    }

    /** The attribute or map entry named {@code key}, or null when there is none. */
    public Value get(String key) {
        return attributes().get(key);
    }

    /** The number of elements or entries of a known, non-null collection or structure. */
    public int length() {
        if (raw instanceof List<?> l) {
            return l.size();
        }
        if (raw instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new IllegalStateException("no length: " + describe());
    }

    private Object known(Type expected) {
        if (raw == null || raw == UNKNOWN || type != expected) {
            throw new IllegalStateException("not a known " + expected.friendlyName() + ": " + describe());
        }
        return raw;
    }

    // ---------------------------------------------------------------- marks

    /** This value with the sensitive mark. */
    public Value markSensitive() {
        return sensitive ? this : new Value(type, raw, true);
    }

    /** This value marked sensitive when {@code mark} is true, else unchanged. */
    public Value markSensitiveIf(boolean mark) {
        return mark ? markSensitive() : this;
    }

    /** This value without its own sensitive mark (elements keep theirs). */
    public Value unmark() {
        return sensitive ? new Value(type, raw, false) : this;
    }

    /** This value with every sensitive mark removed, at every depth. */
    public Value unmarkDeep() {
        if (!containsSensitive()) {
            return this;
        }
        Object r = raw;
        if (raw instanceof List<?> l) {
            List<Value> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(((Value) o).unmarkDeep());
            }
            r = Collections.unmodifiableList(out);
        } else if (raw instanceof Map<?, ?> m) {
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) e.getKey(), ((Value) e.getValue()).unmarkDeep());
            }
            r = Collections.unmodifiableMap(out);
        }
        return new Value(type, r, false);
    }

    // ---------------------------------------------------------------- equality

    /**
     * Structural equality of type, content and marks. Numbers compare by value ({@code 1 == 1.0}).
     * Two unknowns of the same type are equal here; the language's {@code ==} operator treats them
     * differently (see the evaluator).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Value v)) {
            return false;
        }
        if (sensitive != v.sensitive || !type.equals(v.type)) {
            return false;
        }
        if (raw == null || raw == UNKNOWN) {
            return raw == v.raw;
        }
        if (raw instanceof BigDecimal a && v.raw instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return raw.equals(v.raw);
    }

    @Override
    public int hashCode() {
        int h = type.hashCode() * 31 + (sensitive ? 1 : 0);
        if (raw == null) {
            return h;
        }
        if (raw == UNKNOWN) {
            return h + 7;
        }
        return h * 31 + raw.hashCode();
    }

    /** A short description for internal error messages; never used for user-facing output. */
    public String describe() {
        if (sensitive) {
            return "(sensitive " + type.friendlyName() + ")";
        }
        if (raw == null) {
            return "null " + type.friendlyName();
        }
        if (raw == UNKNOWN) {
            return "unknown " + type.friendlyName();
        }
        return type.friendlyName();
    }

    /** Debug form; sensitive values never show their content. */
    @Override
    public String toString() {
        if (sensitive) {
            return "(sensitive value)";
        }
        if (raw == null) {
            return "null";
        }
        if (raw == UNKNOWN) {
            return "(known after apply)";
        }
        if (raw instanceof String s) {
            return '"' + s + '"';
        }
        if (raw instanceof BigDecimal n) {
            return formatNumber(n);
        }
        return String.valueOf(raw);
    }

    // ---------------------------------------------------------------- helpers

    /** The canonical decimal form of a number: plain notation, no trailing zeros. */
    public static String formatNumber(BigDecimal n) {
        return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal normalize(BigDecimal n) {
        if (n.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 && s.scale() > -16 ? s.setScale(0) : s;
    }

    private static String nfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x300) {
                return Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    private static List<Value> checkElements(Type elementType, Collection<Value> elements) {
        for (Value v : elements) {
            if (!v.type.equals(elementType) && v.type != Type.DYNAMIC) {
                throw new IllegalArgumentException(
                        "element of type " + v.type.typeExpr() + " in a collection of " + elementType.typeExpr());
            }
        }
        return List.copyOf(elements);
    }

    private static Map<String, Value> sortedCopy(Map<String, Value> entries) {
        TreeMap<String, Value> sorted = new TreeMap<>(KeyOrder.INSTANCE);
        sorted.putAll(entries);
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }
}
