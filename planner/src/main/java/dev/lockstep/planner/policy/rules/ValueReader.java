package dev.lockstep.planner.policy.rules;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads the values of policy subjects the way the rules need them: attributes by name, blocks
 * whether they are lists of one object (Terraform's Kubernetes provider: {@code metadata[0]}) or
 * single objects (a manifest's {@code metadata}, a Databricks {@code run_as}), with unknowns kept
 * as unknowns and sensitive marks carried down to what is read, so that a message never shows a
 * value that is or sits inside a sensitive one.
 *
 * <p>A missing attribute, a null and a value of another shape than expected all read as
 * {@link Value#NULL}; reading into an unknown gives an unknown.
 */
public final class ValueReader {

    public static final String SENSITIVE = "(sensitive value)";
    public static final String UNKNOWN = "(known after apply)";

    private ValueReader() {
    }

    /** The attribute or map entry {@code name} of an object or map. */
    public static Value get(Value v, String name) {
        if (v == null || !v.isKnown()) {
            return v == null ? Value.NULL : unknownLike(v);
        }
        if (v.isNull() || !v.isMapping()) {
            return Value.NULL;
        }
        Value child = v.get(name);
        if (child == null) {
            return Value.NULL;
        }
        return child.markSensitiveIf(v.isSensitive());
    }

    /** The object of a block: the first element of a list or set of blocks, or the object itself. */
    public static Value first(Value v) {
        if (!v.isKnown()) {
            return unknownLike(v);
        }
        if (v.isNull()) {
            return Value.NULL;
        }
        if (v.isSequence()) {
            List<Value> items = v.elements();
            return items.isEmpty() ? Value.NULL : items.get(0).markSensitiveIf(v.isSensitive());
        }
        return v.isMapping() ? v : Value.NULL;
    }

    /** The object of block {@code name} of {@code v}: {@code first(get(v, name))}. */
    public static Value block(Value v, String name) {
        return first(get(v, name));
    }

    /**
     * The elements of a known list, set or tuple (marks of the collection carried to each), or of
     * nothing (null, unknown, another shape). Callers that must tell unknown from empty ask
     * {@link #unknown} first.
     */
    public static List<Value> items(Value v) {
        if (!v.isKnown() || v.isNull() || !v.isSequence()) {
            return List.of();
        }
        List<Value> out = new ArrayList<>();
        for (Value e : v.elements()) {
            out.add(e.markSensitiveIf(v.isSensitive()));
        }
        return out;
    }

    /** The entries of a known map or object, or none (null, unknown, another shape). */
    public static Map<String, Value> entries(Value v) {
        if (!v.isKnown() || v.isNull() || !v.isMapping()) {
            return Map.of();
        }
        Map<String, Value> out = new LinkedHashMap<>();
        v.attributes().forEach((k, e) -> out.put(k, e.markSensitiveIf(v.isSensitive())));
        return out;
    }

    public static boolean unknown(Value v) {
        return !v.isKnown();
    }

    /** Known and null (or missing). */
    public static boolean absent(Value v) {
        return v.isKnown() && v.isNull();
    }

    /** Known, and null, or a collection or object without elements. */
    public static boolean empty(Value v) {
        if (!v.isKnown()) {
            return false;
        }
        if (v.isNull()) {
            return true;
        }
        return (v.isSequence() || v.isMapping()) && v.length() == 0;
    }

    /** The text of a known string value (marks removed: for comparisons only, never for messages), or null. */
    public static String text(Value v) {
        if (!v.isKnown() || v.isNull()) {
            return null;
        }
        Value u = v.unmarkDeep();
        return u.type() == Type.STRING ? u.asString() : null;
    }

    /** Whether a list, set or tuple holds the string {@code s}; unknown when it or an element is unknown. */
    public static Tri contains(Value seq, String s) {
        if (!seq.isKnown()) {
            return Tri.UNKNOWN;
        }
        boolean unknownElement = false;
        for (Value e : items(seq)) {
            if (!e.isKnown()) {
                unknownElement = true;
            } else if (s.equals(text(e))) {
                return Tri.YES;
            }
        }
        return unknownElement ? Tri.UNKNOWN : Tri.NO;
    }

    /** Whether a string value equals {@code s}; unknown when the value is. */
    public static Tri is(Value v, String s) {
        if (!v.isKnown()) {
            return Tri.UNKNOWN;
        }
        return Tri.of(s.equals(text(v)));
    }

    /** A value for a message: a quoted string, a list of them, or a placeholder for sensitive and unknown values. */
    public static String show(Value v) {
        if (v.isSensitive() || v.containsSensitive() && !v.isSequence()) {
            return SENSITIVE;
        }
        if (!v.isKnown()) {
            return UNKNOWN;
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isSequence()) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (Value e : v.elements()) {
                j.add(show(e));
            }
            return j.toString();
        }
        String t = text(v);
        if (t != null) {
            return GoQuote.quote(t);
        }
        return v.type() == Type.NUMBER ? Value.formatNumber(v.asNumber())
                : v.type() == Type.BOOL ? String.valueOf(v.asBool()) : v.type().friendlyName();
    }

    /** Strings for a message, each quoted (or a placeholder), joined by ", ". */
    public static String showAll(List<Value> values) {
        StringJoiner j = new StringJoiner(", ");
        for (Value v : values) {
            j.add(show(v));
        }
        return j.toString();
    }

    private static Value unknownLike(Value v) {
        return Value.DYNAMIC_UNKNOWN.markSensitiveIf(v.isSensitive());
    }
}
