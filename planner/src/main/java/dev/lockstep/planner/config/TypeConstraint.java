package dev.lockstep.planner.config;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.SetType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable's type constraint: the type values are converted to, plus the defaults of
 * {@code optional(type, default)} object attributes, which are filled in after conversion wherever
 * such an attribute is null (at any depth, including inside collections).
 *
 * @param type the type, with optional object attributes marked
 * @param defaults per object attribute, its default (only for attributes that declare one)
 * @param nested constraints of nested types that carry defaults: attribute name, or "" for the
 *     element of a collection, or the decimal index of a tuple element
 */
public record TypeConstraint(Type type, Map<String, Value> defaults, Map<String, TypeConstraint> nested) {

    public static final TypeConstraint ANY = new TypeConstraint(Type.DYNAMIC, Map.of(), Map.of());

    public TypeConstraint {
        defaults = Map.copyOf(defaults);
        nested = Map.copyOf(nested);
    }

    public static TypeConstraint of(Type t) {
        return new TypeConstraint(t, Map.of(), Map.of());
    }

    public boolean hasDefaults() {
        return !defaults.isEmpty() || !nested.isEmpty();
    }

    /**
     * Fills in the defaults of null optional attributes in a value already converted to
     * {@link #type}. Where a default fills a part that {@code any} left open, the elements of the
     * collection around it are unified again (a default {@code {}} next to {@code {x = 1}} makes
     * both {@code map(number)}, as in Terraform); when they have no common type any more, throws.
     */
    public Value applyDefaults(Value v) throws ConversionException {
        if (!hasDefaults() || v.isNull() || !v.isKnown()) {
            return v;
        }
        boolean mark = v.isSensitive();
        Value u = v.unmark();
        Value out = u;
        if (type instanceof ObjectType) {
            Map<String, Value> attrs = new LinkedHashMap<>(u.attributes());
            for (Map.Entry<String, Value> e : attrs.entrySet()) {
                Value a = e.getValue();
                Value d = defaults.get(e.getKey());
                if (a.isNull() && d != null) {
                    a = d;
                }
                TypeConstraint n = nested.get(e.getKey());
                if (n != null) {
                    a = n.applyDefaults(a);
                }
                e.setValue(a);
            }
            out = Value.object(attrs);
        } else if (type instanceof ListType || type instanceof SetType) {
            TypeConstraint n = nested.get("");
            if (n != null) {
                List<Value> els = new ArrayList<>();
                for (Value e : u.elements()) {
                    els.add(n.applyDefaults(e));
                }
                els = unified(els, type instanceof SetType);
                Type et = els.isEmpty() ? u.type().elementType() : els.get(0).type();
                out = type instanceof ListType ? Value.list(et, els) : Value.set(et, els);
            }
        } else if (type instanceof MapType) {
            TypeConstraint n = nested.get("");
            if (n != null) {
                Map<String, Value> m = new LinkedHashMap<>();
                for (Map.Entry<String, Value> e : u.attributes().entrySet()) {
                    m.put(e.getKey(), n.applyDefaults(e.getValue()));
                }
                List<Value> els = unified(new ArrayList<>(m.values()), false);
                int i = 0;
                for (Map.Entry<String, Value> e : m.entrySet()) {
                    e.setValue(els.get(i++));
                }
                Type et = m.isEmpty() ? u.type().elementType() : m.values().iterator().next().type();
                out = Value.map(et, m);
            }
        } else if (type instanceof TupleType) {
            List<Value> els = new ArrayList<>(u.elements());
            for (int i = 0; i < els.size(); i++) {
                TypeConstraint n = nested.get(Integer.toString(i));
                if (n != null) {
                    els.set(i, n.applyDefaults(els.get(i)));
                }
            }
            out = Value.tuple(els);
        }
        return out.markSensitiveIf(mark);
    }

    /** {@code els} converted to their common type (they have one unless a default made them differ). */
    private static List<Value> unified(List<Value> els, boolean set) throws ConversionException {
        List<Value> out = Conversion.unifyValues(els);
        if (out == null) {
            throw new ConversionException(set ? "element types must all match for conversion to set"
                    : "cannot find a common base type for all elements");
        }
        return out;
    }
}
