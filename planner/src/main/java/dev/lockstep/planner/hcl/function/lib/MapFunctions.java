package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import dev.lockstep.planner.hcl.function.Param;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Functions over maps and objects: keys, values, lookup, merge, zipmap and transpose. Keys come
 * out in code-point order; element marks survive where Terraform keeps them.
 */
public final class MapFunctions {

    private MapFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all() {
        return List.of(keys(), values(), lookup(), merge(), zipmap(), transpose());
    }

    static Function keys() {
        return Function.builder("keys").param(Param.of("inputMap", Type.DYNAMIC).unknownable().markable())
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof MapType) {
                        return Type.list(Type.STRING);
                    }
                    if (t instanceof ObjectType o) {
                        return new TupleType(Collections.nCopies(o.attributes().size(), Type.STRING));
                    }
                    if (t == Type.DYNAMIC) {
                        return Type.DYNAMIC;
                    }
                    throw new FunctionException(0, "must have map or object type.");
                })
                .description("Returns the keys of a map or the attribute names of an object, in order.")
                .body(args -> {
                    Value m = args.get(0);
                    boolean mark = m.isSensitive();
                    List<Value> keys = new ArrayList<>();
                    if (m.type() instanceof ObjectType o) {
                        for (String k : o.attributes().keySet()) {
                            keys.add(Value.string(k));
                        }
                        return Value.tuple(keys).markSensitiveIf(mark);
                    }
                    if (!m.isKnown()) {
                        return Value.unknown(m.type() == Type.DYNAMIC ? Type.DYNAMIC : Type.list(Type.STRING))
                                .markSensitiveIf(mark);
                    }
                    for (String k : m.attributes().keySet()) {
                        keys.add(Value.string(k));
                    }
                    return Value.list(Type.STRING, keys).markSensitiveIf(mark);
                });
    }

    static Function values() {
        return Function.builder("values").param(Param.of("mapping", Type.DYNAMIC).unknownable().markable())
                .returns(args -> {
                    Type t = args.get(0).type();
                    if (t instanceof MapType m) {
                        return Type.list(m.element());
                    }
                    if (t instanceof ObjectType o) {
                        return new TupleType(new ArrayList<>(o.attributes().values()));
                    }
                    if (t == Type.DYNAMIC) {
                        return Type.DYNAMIC;
                    }
                    throw new FunctionException("values() requires a map as the first argument.");
                })
                .description("Returns the values of a map or object, in the order of their keys.")
                .body(args -> {
                    Value m = args.get(0);
                    boolean mark = m.isSensitive();
                    if (!m.isKnown()) {
                        Type rt = m.type() instanceof MapType mt ? Type.list(mt.element()) : Type.DYNAMIC;
                        return Value.unknown(rt).markSensitiveIf(mark);
                    }
                    List<Value> vals = new ArrayList<>(m.attributes().values());
                    Value out = m.isObject() ? Value.tuple(vals) : Value.list(m.type().elementType(), vals);
                    return out.markSensitiveIf(mark);
                });
    }

    static Function lookup() {
        return Function.builder("lookup").param(Param.of("inputMap", Type.DYNAMIC).unknownable().markable())
                .param(Param.of("key", Type.STRING).markable())
                .varParam(Param.of("default", Type.DYNAMIC).nullable().unknownable().markable())
                .returns(MapFunctions::lookupType)
                .description("Returns the element of a map for the key, or the default when there is none.")
                .body(args -> {
                    Type rt = lookupType(args);
                    Value m = args.get(0);
                    boolean mark = m.isSensitive() || args.get(1).isSensitive();
                    String key = args.get(1).unmark().asString();
                    if (!m.isKnown()) {
                        return Value.unknown(rt).markSensitiveIf(mark);
                    }
                    Value found = m.unmark().get(key);
                    if (found != null) {
                        return found.markSensitiveIf(mark);
                    }
                    if (args.size() == 3) {
                        try {
                            return Conversion.convert(args.get(2), rt).markSensitiveIf(mark);
                        } catch (ConversionException e) {
                            throw new FunctionException(2, "the default value must have the same type as the map elements.");
                        }
                    }
                    throw new FunctionException("lookup failed to find the given key.");
                });
    }

    private static Type lookupType(List<Value> args) throws FunctionException {
        if (args.size() > 3) {
            throw new FunctionException("lookup() takes two or three arguments, got " + args.size() + ".");
        }
        Type t = args.get(0).type();
        if (t instanceof ObjectType o) {
            if (!args.get(1).isKnown()) {
                return Type.DYNAMIC;
            }
            String key = args.get(1).unmark().asString();
            if (o.hasAttribute(key)) {
                return o.attribute(key);
            }
            if (args.size() == 3) {
                return args.get(2).type();
            }
            throw new FunctionException(0, "the given object has no attribute with the given key.");
        }
        if (t instanceof MapType m) {
            if (args.size() == 3 && !Conversion.typeConvertible(args.get(2).type(), m.element())) {
                throw new FunctionException(2, "the default value must have the same type as the map elements.");
            }
            return m.element();
        }
        if (t == Type.DYNAMIC) {
            return Type.DYNAMIC;
        }
        throw new FunctionException(0, "lookup() requires a map as the first argument.");
    }

    static Function merge() {
        return Function.builder("merge").varParam(Param.of("maps", Type.DYNAMIC).nullable().unknownable().markable())
                .returns(MapFunctions::mergeType)
                .description("Merges maps or objects; later arguments take precedence for the same key.")
                .body(args -> {
                    Type rt = mergeType(args);
                    boolean mark = false;
                    for (Value a : args) {
                        mark |= a.isSensitive();
                        if (!a.isKnown()) {
                            return Value.unknown(rt).markSensitiveIf(args.stream().anyMatch(Value::isSensitive));
                        }
                    }
                    Map<String, Value> out = new LinkedHashMap<>();
                    for (Value a : args) {
                        if (!a.isNull()) {
                            out.putAll(a.unmark().attributes());
                        }
                    }
                    Value result;
                    if (rt instanceof MapType mt) {
                        result = Value.map(mt.element(), out);
                    } else {
                        result = Value.object(out);
                    }
                    return result.markSensitiveIf(mark);
                });
    }

    private static Type mergeType(List<Value> args) throws FunctionException {
        if (args.isEmpty()) {
            return ObjectType.EMPTY;
        }
        for (Value a : args) {
            Type t = a.type();
            if (t != Type.DYNAMIC && !(t instanceof ObjectType) && !(t instanceof MapType)) {
                throw new FunctionException("arguments must be maps or objects, got \"" + t.friendlyName() + "\".");
            }
        }
        Map<String, Type> attrs = new TreeMap<>();
        Type first = null;
        boolean matching = true;
        boolean attrsKnown = true;
        for (int i = 0; i < args.size(); i++) {
            Value a = args.get(i);
            Type t = a.type();
            if (t == Type.DYNAMIC) {
                return Type.DYNAMIC;
            }
            if (t instanceof ObjectType o) {
                if (!a.isNull()) {
                    attrs.putAll(o.attributes());
                }
            } else if (t instanceof MapType m) {
                if (!a.isKnown()) {
                    attrsKnown = false;
                } else if (!a.isNull()) {
                    for (String k : a.attributes().keySet()) {
                        attrs.put(k, m.element());
                    }
                }
            } else {
                throw new FunctionException("arguments must be maps or objects, got \"" + t.friendlyName() + "\".");
            }
            if (i == 0) {
                first = t;
            } else if (!t.equals(first)) {
                matching = false;
            }
        }
        if (matching) {
            return first;
        }
        if (!attrsKnown) {
            return Type.DYNAMIC;
        }
        return new ObjectType(attrs);
    }

    static Function zipmap() {
        return Function.builder("zipmap").param("keys", Type.list(Type.STRING))
                .param(Param.of("values", Type.DYNAMIC).unknownable().markable())
                .returns(args -> {
                    Value keys = args.get(0);
                    Type vt = args.get(1).type();
                    if (vt instanceof ListType l) {
                        return Type.map(l.element());
                    }
                    if (vt instanceof TupleType tt) {
                        if (!keys.isWhollyKnown()) {
                            return Type.DYNAMIC;
                        }
                        List<Value> ks = keys.elements();
                        if (ks.size() != tt.elements().size()) {
                            throw new FunctionException("number of keys (" + ks.size() + ") does not match number of values ("
                                    + tt.elements().size() + ").");
                        }
                        Map<String, Type> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < ks.size(); i++) {
                            if (ks.get(i).isNull()) {
                                throw new FunctionException("keys list has null value at index " + i + ".");
                            }
                            attrs.put(ks.get(i).asString(), tt.elements().get(i));
                        }
                        return new ObjectType(attrs);
                    }
                    if (vt == Type.DYNAMIC) {
                        return Type.DYNAMIC;
                    }
                    throw new FunctionException("values argument must be a list or tuple value.");
                })
                .description("Builds a map from a list of keys and a list of values.")
                .body(args -> {
                    Value keys = args.get(0);
                    Value values = args.get(1);
                    boolean mark = values.isSensitive();
                    if (!values.isKnown()) {
                        return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
                    }
                    List<Value> ks = keys.elements();
                    List<Value> vs = values.unmark().elements();
                    if (ks.size() != vs.size()) {
                        throw new FunctionException("number of keys (" + ks.size() + ") does not match number of values ("
                                + vs.size() + ").");
                    }
                    Map<String, Value> out = new LinkedHashMap<>();
                    for (int i = 0; i < ks.size(); i++) {
                        if (ks.get(i).isNull()) {
                            throw new FunctionException("keys list has null value at index " + i + ".");
                        }
                        out.put(ks.get(i).asString(), vs.get(i));
                    }
                    Value result = values.isTuple() ? Value.object(out) : Value.map(values.type().elementType(), out);
                    return result.markSensitiveIf(mark);
                });
    }

    static Function transpose() {
        return Function.builder("transpose").param("values", Type.map(Type.list(Type.STRING)))
                .returns(Type.map(Type.list(Type.STRING)))
                .description("Swaps the keys and values of a map of lists of strings.")
                .body(args -> {
                    Map<String, List<Value>> out = new LinkedHashMap<>();
                    for (Map.Entry<String, Value> e : args.get(0).attributes().entrySet()) {
                        if (e.getValue().isNull()) {
                            throw new FunctionException("input map contains a null list.");
                        }
                        for (Value v : e.getValue().elements()) {
                            if (v.isNull()) {
                                throw new FunctionException("input map contains a null value in one of its lists.");
                            }
                            out.computeIfAbsent(v.asString(), k -> new ArrayList<>()).add(Value.string(e.getKey()));
                        }
                    }
                    Map<String, Value> result = new LinkedHashMap<>();
                    for (Map.Entry<String, List<Value>> e : out.entrySet()) {
                        result.put(e.getKey(), Value.list(Type.STRING, e.getValue()));
                    }
                    return Value.map(Type.list(Type.STRING), result);
                });
    }
}
