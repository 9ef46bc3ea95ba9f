package dev.lockstep.api.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type conversion and unification with HCL's rules: numbers and bools convert to strings and back
 * (when the string says so), tuples and lists and sets convert among each other, objects and maps
 * likewise, and nulls and unknowns convert to a null or unknown of the wanted type. Marks are kept.
 *
 * <p>One class because conversion and unification are one set of mutually recursive rules (as in
 * go-cty's {@code convert} package).
 */
public final class Conversion {

    private Conversion() {
    }

    /** Converts {@code value} to {@code want}, or explains why it cannot. */
    public static Value convert(Value value, Type want) throws ConversionException {
        return convert(value, want, "");
    }

    /** Whether some value of type {@code from} could convert to {@code want} (ignoring content). */
    public static boolean typeConvertible(Type from, Type want) {
        return mismatch(from, want) == null;
    }

    private static Value convert(Value value, Type want, String path) throws ConversionException {
        Type have = value.type();
        if (want == Type.DYNAMIC || have.equals(want)) {
            return value;
        }
        boolean mark = value.isSensitive();
        if (have == Type.DYNAMIC) {
            // null or unknown of undecided type
            Value out = value.isNull() ? Value.nullOf(withoutOptional(want)) : Value.unknown(withoutOptional(want));
            return out.markSensitiveIf(mark);
        }
        String why = mismatch(have, want);
        if (why != null) {
            throw new ConversionException(path + why);
        }
        if (value.isNull()) {
            return Value.nullOf(concrete(have, want)).markSensitiveIf(mark);
        }
        if (!value.isKnown()) {
            return Value.unknown(concrete(have, want)).markSensitiveIf(mark);
        }
        Value out;
        if (want instanceof PrimitiveType p) {
            out = primitive(value.unmark(), p, path);
        } else if (want instanceof ListType l) {
            out = collection(value, l.element(), Kind.LIST, path);
        } else if (want instanceof SetType s) {
            out = collection(value, s.element(), Kind.SET, path);
        } else if (want instanceof MapType m) {
            out = collection(value, m.element(), Kind.MAP, path);
        } else if (want instanceof TupleType t) {
            List<Value> els = value.elements();
            if (els.size() != t.elements().size()) {
                throw new ConversionException(path + "tuple required with " + t.elements().size() + " elements");
            }
            List<Value> conv = new ArrayList<>(els.size());
            for (int i = 0; i < els.size(); i++) {
                conv.add(convert(els.get(i), t.elements().get(i), path + "element " + i + ": "));
            }
            out = Value.tuple(conv);
        } else if (want instanceof ObjectType o) {
            Map<String, Value> attrs = value.attributes();
            Map<String, Value> conv = new LinkedHashMap<>();
            for (Map.Entry<String, Type> a : o.attributes().entrySet()) {
                Value v = attrs.get(a.getKey());
                if (v == null) {
                    if (o.optional().contains(a.getKey())) {
                        conv.put(a.getKey(), Value.nullOf(withoutOptional(a.getValue())));
                        continue;
                    }
                    throw new ConversionException(path + "attribute \"" + a.getKey() + "\" is required");
                }
                conv.put(a.getKey(), convert(v, a.getValue(), path + "attribute \"" + a.getKey() + "\": "));
            }
            out = Value.object(conv);
        } else {
            throw new IllegalStateException("unhandled type " + want);
        }
        return out.markSensitiveIf(mark);
    }

    private static String keyPath(String key) {
        return "element \"" + key + "\": ";
    }

    private static Value primitive(Value v, PrimitiveType want, String path) throws ConversionException {
        Type have = v.type();
        switch (want) {
            case STRING:
                if (have == Type.NUMBER) {
                    return Value.string(Value.formatNumber(v.asNumber()));
                }
                if (have == Type.BOOL) {
                    return Value.string(v.asBool() ? "true" : "false");
                }
                break;
            case NUMBER:
                if (have == Type.STRING) {
                    BigDecimal n = NumberSyntax.parse(v.asString());
                    if (n == null) {
                        throw new ConversionException(path + "a number is required");
                    }
                    return Value.number(n);
                }
                break;
            case BOOL:
                if (have == Type.STRING) {
                    switch (v.asString()) {
                        case "true":
                        case "1":
                            return Value.TRUE;
                        case "false":
                        case "0":
                            return Value.FALSE;
                        default:
                            throw new ConversionException(path + "a bool is required");
                    }
                }
                break;
            default:
                break;
        }
        throw new ConversionException(path + want.friendlyName() + " required");
    }

    /** The three collection kinds, with the words Terraform uses when their elements disagree. */
    private enum Kind {
        LIST("list"), SET("set"), MAP("map");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /**
     * Converts the elements of {@code value} (a list, set, tuple, map or object) to {@code elem}
     * and builds a collection of {@code kind}. When {@code elem} contains {@code any}, the
     * converted elements may differ in the parts {@code any} leaves open; as go-cty does, they are
     * then unified to one concrete element type and converted to it, and when that is impossible
     * the conversion fails with Terraform's message: "all list elements must have the same type"
     * when {@code elem} is {@code any} itself, "cannot find a common base type for all elements"
     * when it only contains it, and for a set "element types must all match for conversion to
     * set" (Terraform does not unify set elements whose type only contains {@code any}).
     */
    private static Value collection(Value value, Type elem, Kind kind, String path) throws ConversionException {
        List<String> keys = new ArrayList<>();
        List<Value> src;
        List<String> paths = new ArrayList<>();
        if (value.isMapping()) {
            src = new ArrayList<>(value.attributes().values());
            for (String k : value.attributes().keySet()) {
                keys.add(k);
                paths.add(keyPath(k));
            }
        } else {
            if (kind == Kind.MAP) {
                throw new ConversionException(path + "map required"); // unreachable: mismatch() said so
            }
            src = value.elements();
            for (int i = 0; i < src.size(); i++) {
                paths.add(value.isSet() ? "" : "element " + i + ": ");
            }
        }
        List<Value> conv = new ArrayList<>(src.size());
        for (int i = 0; i < src.size(); i++) {
            conv.add(convert(src.get(i), elem, path + paths.get(i))); // keeps optional markers
        }
        Type et = withoutOptional(elem);
        if (elem.hasDynamic()) {
            et = commonElementType(conv, elem, kind, path);
            for (int i = 0; i < conv.size(); i++) {
                conv.set(i, convert(conv.get(i), et, path + paths.get(i)));
            }
        }
        switch (kind) {
            case LIST:
                return Value.list(et, conv);
            case SET:
                return Value.set(et, conv);
            default:
                Map<String, Value> entries = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    entries.put(keys.get(i), conv.get(i));
                }
                return Value.map(et, entries);
        }
    }

    /** The one type that elements converted to {@code elem} (which contains {@code any}) all take. */
    private static Type commonElementType(List<Value> converted, Type elem, Kind kind, String path)
            throws ConversionException {
        if (converted.isEmpty()) {
            return withoutOptional(elem);
        }
        List<Type> types = new ArrayList<>(converted.size());
        for (Value v : converted) {
            types.add(v.type());
        }
        Type u = unify(types);
        if (u != null && (kind != Kind.SET || elem == Type.DYNAMIC || sameKnownTypes(converted))) {
            return u;
        }
        if (elem == Type.DYNAMIC) {
            throw new ConversionException(path + "all " + kind.word + " elements must have the same type");
        }
        throw new ConversionException(path + (kind == Kind.SET ? "element types must all match for conversion to set"
                : "cannot find a common base type for all elements"));
    }

    /** Whether the known, non-null values all have exactly one type (a null or unknown goes with any). */
    private static boolean sameKnownTypes(List<Value> values) {
        Type first = null;
        for (Value v : values) {
            if (v.isNull() || !v.isKnown()) {
                continue;
            }
            if (first == null) {
                first = v.type();
            } else if (!first.equals(v.type())) {
                return false;
            }
        }
        return true;
    }

    /** The type a null or unknown gets when converted: the wanted type with dynamic parts resolved. */
    private static Type concrete(Type have, Type want) {
        if (!want.hasDynamic()) {
            return withoutOptional(want);
        }
        if (want == Type.DYNAMIC) {
            return have;
        }
        if (want instanceof ListType l && have.elementType() != null) {
            return new ListType(concrete(have.elementType(), l.element()));
        }
        if (want instanceof SetType s && have.elementType() != null) {
            return new SetType(concrete(have.elementType(), s.element()));
        }
        if (want instanceof MapType m && have.elementType() != null) {
            return new MapType(concrete(have.elementType(), m.element()));
        }
        return withoutOptional(want);
    }

    private static Type withoutOptional(Type t) {
        if (t instanceof ObjectType o) {
            Map<String, Type> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Type> e : o.attributes().entrySet()) {
                attrs.put(e.getKey(), withoutOptional(e.getValue()));
            }
            return new ObjectType(attrs);
        }
        if (t instanceof ListType l) {
            return new ListType(withoutOptional(l.element()));
        }
        if (t instanceof SetType s) {
            return new SetType(withoutOptional(s.element()));
        }
        if (t instanceof MapType m) {
            return new MapType(withoutOptional(m.element()));
        }
        if (t instanceof TupleType tt) {
            List<Type> els = new ArrayList<>();
            for (Type e : tt.elements()) {
                els.add(withoutOptional(e));
            }
            return new TupleType(els);
        }
        return t;
    }

    /**
     * Why no value of type {@code have} can convert to {@code want}, or null if some can. Checks
     * only what types alone decide (a string may still fail to parse as a number).
     */
    public static String mismatch(Type have, Type want) {
        if (want == Type.DYNAMIC || have == Type.DYNAMIC || have.equals(want)) {
            return null;
        }
        if (want instanceof PrimitiveType p) {
            if (have instanceof PrimitiveType h) {
                boolean ok = p == PrimitiveType.STRING || h == PrimitiveType.STRING;
                return ok ? null : p.friendlyName() + " required";
            }
            return p.friendlyName() + " required";
        }
        if (want instanceof ListType || want instanceof SetType) {
            Type we = want.elementType();
            if (have instanceof ListType || have instanceof SetType) {
                return prefixed(mismatch(have.elementType(), we), want);
            }
            if (have instanceof TupleType t) {
                for (Type e : t.elements()) {
                    String m = mismatch(e, we);
                    if (m != null) {
                        return prefixed(m, want);
                    }
                }
                return null;
            }
            return want.friendlyName() + " required";
        }
        if (want instanceof MapType m) {
            if (have instanceof MapType hm) {
                return prefixed(mismatch(hm.element(), m.element()), want);
            }
            if (have instanceof ObjectType o) {
                for (Type e : o.attributes().values()) {
                    String x = mismatch(e, m.element());
                    if (x != null) {
                        return prefixed(x, want);
                    }
                }
                return null;
            }
            return want.friendlyName() + " required";
        }
        if (want instanceof TupleType t) {
            if (have instanceof TupleType ht) {
                if (ht.elements().size() != t.elements().size()) {
                    return "tuple required with " + t.elements().size() + " elements";
                }
                for (int i = 0; i < t.elements().size(); i++) {
                    String x = mismatch(ht.elements().get(i), t.elements().get(i));
                    if (x != null) {
                        return "element " + i + ": " + x;
                    }
                }
                return null;
            }
            if (have instanceof ListType || have instanceof SetType) {
                for (Type e : t.elements()) {
                    String x = mismatch(have.elementType(), e);
                    if (x != null) {
                        return x;
                    }
                }
                return null;
            }
            return "tuple required";
        }
        if (want instanceof ObjectType o) {
            if (have instanceof ObjectType ho) {
                for (Map.Entry<String, Type> a : o.attributes().entrySet()) {
                    Type ht = ho.attribute(a.getKey());
                    if (ht == null) {
                        if (o.optional().contains(a.getKey())) {
                            continue;
                        }
                        return "attribute \"" + a.getKey() + "\" is required";
                    }
                    String x = mismatch(ht, a.getValue());
                    if (x != null) {
                        return "attribute \"" + a.getKey() + "\": " + x;
                    }
                }
                return null;
            }
            if (have instanceof MapType hm) {
                for (Type e : o.attributes().values()) {
                    String x = mismatch(hm.element(), e);
                    if (x != null) {
                        return x;
                    }
                }
                return null;
            }
            return "object required";
        }
        return want.friendlyName() + " required";
    }

    private static String prefixed(String elementMismatch, Type want) {
        return elementMismatch == null ? null : want.friendlyName() + " required";
    }

    /**
     * The single type that every one of {@code types} can convert to, preferring the most
     * specific: equal types unify to themselves, strings absorb numbers and bools, tuples become
     * lists and objects become maps when their shapes differ. Null when there is none.
     */
    public static Type unify(List<Type> types) {
        if (types.isEmpty()) {
            return Type.DYNAMIC;
        }
        Type first = types.get(0);
        boolean allSame = true;
        for (Type t : types) {
            if (!t.equals(first)) {
                allSame = false;
                break;
            }
        }
        if (allSame) {
            return first;
        }
        List<Type> concrete = new ArrayList<>();
        for (Type t : types) {
            if (t != Type.DYNAMIC) {
                concrete.add(t);
            }
        }
        if (concrete.size() != types.size()) {
            // Nulls and unknowns of undecided type go with anything; the rest decide.
            return concrete.isEmpty() ? Type.DYNAMIC : unify(concrete);
        }
        if (types.stream().allMatch(Type::isPrimitive)) {
            return types.contains(Type.STRING) ? Type.STRING : null;
        }
        if (types.stream().allMatch(t -> t instanceof ObjectType || t instanceof MapType)) {
            if (types.stream().allMatch(t -> t instanceof ObjectType)) {
                Set<String> names = ((ObjectType) first).attributes().keySet();
                boolean sameNames = types.stream().allMatch(t -> ((ObjectType) t).attributes().keySet().equals(names));
                if (sameNames) {
                    Map<String, Type> attrs = new LinkedHashMap<>();
                    for (String n : names) {
                        List<Type> ats = new ArrayList<>();
                        for (Type t : types) {
                            ats.add(((ObjectType) t).attribute(n));
                        }
                        Type u = unify(ats);
                        if (u == null) {
                            return null;
                        }
                        attrs.put(n, u);
                    }
                    return new ObjectType(attrs);
                }
            }
            List<Type> elems = new ArrayList<>();
            for (Type t : types) {
                if (t instanceof ObjectType o) {
                    elems.addAll(o.attributes().values());
                } else {
                    elems.add(((MapType) t).element());
                }
            }
            Type u = elems.isEmpty() ? Type.DYNAMIC : unify(elems);
            return u == null ? null : new MapType(u);
        }
        if (types.stream().allMatch(t -> t instanceof TupleType || t instanceof ListType)) {
            if (types.stream().allMatch(t -> t instanceof TupleType)) {
                int n = ((TupleType) first).elements().size();
                if (types.stream().allMatch(t -> ((TupleType) t).elements().size() == n)) {
                    List<Type> els = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        List<Type> ets = new ArrayList<>();
                        for (Type t : types) {
                            ets.add(((TupleType) t).elements().get(i));
                        }
                        Type u = unify(ets);
                        if (u == null) {
                            return null;
                        }
                        els.add(u);
                    }
                    return new TupleType(els);
                }
            }
            List<Type> elems = new ArrayList<>();
            for (Type t : types) {
                if (t instanceof TupleType tt) {
                    elems.addAll(tt.elements());
                } else {
                    elems.add(((ListType) t).element());
                }
            }
            Type u = elems.isEmpty() ? Type.DYNAMIC : unify(elems);
            return u == null ? null : new ListType(u);
        }
        if (types.stream().allMatch(t -> t instanceof SetType)) {
            Set<Type> elems = new LinkedHashSet<>();
            for (Type t : types) {
                elems.add(((SetType) t).element());
            }
            Type u = unify(new ArrayList<>(elems));
            return u == null ? null : new SetType(u);
        }
        return null;
    }

    /**
     * Converts every value to their unified type, for list literals, conditionals and functions
     * that need homogeneous arguments. Null when the values have no common type.
     */
    public static List<Value> unifyValues(List<Value> values) throws ConversionException {
        List<Type> types = new ArrayList<>(values.size());
        for (Value v : values) {
            types.add(v.type());
        }
        Type u = unify(types);
        if (u == null) {
            return null;
        }
        List<Value> out = new ArrayList<>(values.size());
        for (Value v : values) {
            out.add(convert(v, u));
        }
        return out;
    }
}
