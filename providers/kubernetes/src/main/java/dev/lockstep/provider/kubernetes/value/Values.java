package dev.lockstep.provider.kubernetes.value;

import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over {@link Value}: null-safe reads, copies with one attribute replaced, typed rebuilding. */
public final class Values {

    private Values() {
    }

    /** Whether {@code v} is null, unknown or absent. */
    public static boolean absent(Value v) {
        return v == null || v.isNull() || !v.isKnown();
    }

    /** Whether {@code v} is a known, non-null value. */
    public static boolean present(Value v) {
        return v != null && !v.isNull() && v.isKnown();
    }

    /** The attribute {@code name} of a known object, or null. */
    public static Value attr(Value obj, String name) {
        if (!present(obj) || !obj.isMapping()) {
            return null;
        }
        return obj.get(name);
    }

    /** The string at {@code name}, or null when absent. */
    public static String string(Value obj, String name) {
        Value v = attr(obj, name);
        return present(v) ? v.unmark().asString() : null;
    }

    /** The bool at {@code name}; {@code dflt} when absent. */
    public static boolean bool(Value obj, String name, boolean dflt) {
        Value v = attr(obj, name);
        return present(v) ? v.unmark().asBool() : dflt;
    }

    /** The first element of a block list ({@code metadata[0]}), or null. */
    public static Value first(Value obj, String block) {
        Value l = attr(obj, block);
        if (!present(l) || !l.isSequence() || l.length() == 0) {
            return null;
        }
        return l.elements().get(0);
    }

    /** The elements of a known list or set at {@code name}; empty when absent. */
    public static List<Value> elements(Value obj, String name) {
        Value l = attr(obj, name);
        return present(l) && l.isSequence() ? l.elements() : List.of();
    }

    /** The entries of a known map at {@code name}; empty when absent. */
    public static Map<String, Value> entries(Value obj, String name) {
        Value m = attr(obj, name);
        return present(m) && m.isMapping() ? m.attributes() : Map.of();
    }

    /** A copy of object {@code obj} with attribute {@code name} set to {@code v}. */
    public static Value with(Value obj, String name, Value v) {
        Map<String, Value> m = new LinkedHashMap<>(obj.attributes());
        m.put(name, v);
        Value out = Value.object(m);
        return out.markSensitiveIf(obj.isSensitive());
    }

    /** A copy of the block list {@code list} with element {@code i} replaced. */
    public static Value withElement(Value list, int i, Value element) {
        List<Value> els = new ArrayList<>(list.elements());
        els.set(i, element);
        return rebuild(list.type(), els).markSensitiveIf(list.isSensitive());
    }

    /** A copy of {@code obj} whose first element of block {@code block} is replaced by {@code fn(element)}. */
    public static Value withFirst(Value obj, String block, java.util.function.UnaryOperator<Value> fn) {
        Value l = attr(obj, block);
        if (!present(l) || l.length() == 0) {
            return obj;
        }
        return with(obj, block, withElement(l, 0, fn.apply(l.elements().get(0))));
    }

    /** Maps every element of the block list at {@code block}. */
    public static Value mapElements(Value obj, String block, java.util.function.UnaryOperator<Value> fn) {
        Value l = attr(obj, block);
        if (!present(l) || l.length() == 0) {
            return obj;
        }
        List<Value> els = new ArrayList<>();
        for (Value e : l.elements()) {
            els.add(fn.apply(e));
        }
        return with(obj, block, rebuild(l.type(), els));
    }

    /** A list, set or map of the collection type {@code t} holding {@code elements}. */
    public static Value rebuild(Type t, List<Value> elements) {
        if (t instanceof ListType lt) {
            return elements.isEmpty() ? Value.emptyList(lt.element()) : Value.list(lt.element(), elements);
        }
        if (t instanceof SetType st) {
            return Value.set(st.element(), elements);
        }
        return Value.tuple(elements);
    }

    /** A string value or a typed null. */
    public static Value stringOrNull(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.string(s);
    }

    /** The object type of a block list's elements. */
    public static ObjectType elementObjectType(Type t) {
        Type e = t.elementType();
        return e instanceof ObjectType o ? o : null;
    }

    /** The known, empty collection of the given collection type, or null for other types. */
    public static Value emptyOf(Type t) {
        if (t instanceof ListType lt) {
            return Value.emptyList(lt.element());
        }
        if (t instanceof SetType st) {
            return Value.set(st.element(), List.of());
        }
        if (t instanceof dev.lockstep.api.value.MapType mt) {
            return Value.map(mt.element(), Map.of());
        }
        return null;
    }
}
