package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.ListType;
import dev.lockstep.api.value.MapType;
import dev.lockstep.api.value.ObjectType;
import dev.lockstep.api.value.TupleType;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;

/**
 * Attribute access and indexing with HCL's rules and messages. Unknown collections give unknown
 * results of the element's type; the sensitive mark of a collection carries to what is taken
 * out of it. Messages never include the values involved.
 */
public final class Traversals {

    private Traversals() {
    }

    /** {@code value.name}; on error adds a diagnostic and returns an unknown. */
    public static Value getAttr(Value value, String name, SourceRange range, Diagnostics diags) {
        boolean mark = value.isSensitive();
        Type t = value.type();
        if (value.isNull()) {
            diags.error("Attempt to get attribute from null value", "This value is null, so it does not have any "
                    + "attributes.", range);
            return Value.DYNAMIC_UNKNOWN;
        }
        if (t instanceof ObjectType o) {
            Type at = o.attribute(name);
            if (at == null) {
                diags.error("Unsupported attribute", "This object does not have an attribute named \"" + name + "\"."
                        + Suggestions.didYouMean(name, o.attributes().keySet()), range);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!value.isKnown()) {
                return Value.unknown(at).markSensitiveIf(mark);
            }
            return value.get(name).markSensitiveIf(mark);
        }
        if (t instanceof MapType m) {
            if (!value.isKnown()) {
                return Value.unknown(m.element()).markSensitiveIf(mark);
            }
            Value v = value.get(name);
            if (v == null) {
                diags.error("Missing map element", "This map does not have an element with the key \"" + name + "\".",
                        range);
                return Value.DYNAMIC_UNKNOWN;
            }
            return v.markSensitiveIf(mark);
        }
        if (t == Type.DYNAMIC) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        if (t instanceof ListType || t instanceof TupleType || value.isSet()) {
            diags.error("Unsupported attribute", "Can't access attributes on a " + (t instanceof TupleType ? "tuple"
                    : t.friendlyName()) + ". Did you mean to access an attribute for a specific "
                    + "element of the list, or across all elements of the list (with a splat, \"[*]." + name + "\")?",
                    range);
            return Value.DYNAMIC_UNKNOWN;
        }
        diags.error("Unsupported attribute", "Can't access attributes on a primitive-typed value ("
                + t.friendlyName() + ").", range);
        return Value.DYNAMIC_UNKNOWN;
    }

    /** {@code value[key]}; on error adds a diagnostic and returns an unknown. */
    public static Value index(Value value, Value key, SourceRange range, Diagnostics diags) {
        boolean mark = value.isSensitive() || key.isSensitive();
        Type t = value.type();
        if (value.isNull()) {
            diags.error("Attempt to index null value", "This value is null, so it does not have any indices.", range);
            return Value.DYNAMIC_UNKNOWN;
        }
        if (key.isNull()) {
            diags.error("Invalid index", "Can't use a null value as an indexing key.", range);
            return Value.DYNAMIC_UNKNOWN;
        }
        if (t == Type.DYNAMIC) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        if (value.isSet()) {
            diags.error("Invalid index", "Elements of a set are identified only by their value and don't have any "
                    + "separate index or key to select with, so it's only possible to perform operations across all "
                    + "elements of the set.", range);
            return Value.DYNAMIC_UNKNOWN;
        }
        if (t instanceof ListType || t instanceof TupleType) {
            Value k;
            try {
                k = Conversion.convert(key.unmark(), Type.NUMBER);
            } catch (ConversionException e) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + "a number is required.", range);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!value.isKnown() || !k.isKnown()) {
                Type et = t instanceof ListType l ? l.element() : Type.DYNAMIC;
                return Value.unknown(et).markSensitiveIf(mark);
            }
            BigDecimal n = k.asNumber();
            int idx;
            try {
                idx = n.intValueExact();
            } catch (ArithmeticException e) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + (n.signum() < 0 ? "a negative number is not a valid index for a sequence."
                        : "the given index is not a whole number within the length of the collection."), range);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (idx < 0) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: a "
                        + "negative number is not a valid index for a sequence.", range);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (idx >= value.length()) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + "the given index is greater than or equal to the length of the collection.", range);
                return Value.DYNAMIC_UNKNOWN;
            }
            return value.elements().get(idx).markSensitiveIf(mark);
        }
        if (t instanceof MapType || t instanceof ObjectType) {
            Value k;
            try {
                k = Conversion.convert(key.unmark(), Type.STRING);
            } catch (ConversionException e) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value: "
                        + "string required.", range);
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!value.isKnown() || !k.isKnown()) {
                Type et = t instanceof MapType m ? m.element() : Type.DYNAMIC;
                if (t instanceof ObjectType o && k.isKnown()) {
                    Type at = o.attribute(k.asString());
                    if (at == null) {
                        diags.error("Invalid index", "The given key does not identify an element in this collection "
                                + "value.", range);
                        return Value.DYNAMIC_UNKNOWN;
                    }
                    et = at;
                }
                return Value.unknown(et).markSensitiveIf(mark);
            }
            Value v = value.get(k.asString());
            if (v == null) {
                diags.error("Invalid index", "The given key does not identify an element in this collection value.",
                        range);
                return Value.DYNAMIC_UNKNOWN;
            }
            return v.markSensitiveIf(mark);
        }
        diags.error("Invalid index", "This value does not have any indices.", range);
        return Value.DYNAMIC_UNKNOWN;
    }
}
