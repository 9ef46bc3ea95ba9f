package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.ForExpr;
import dev.lockstep.planner.hcl.ast.TemplateForExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code for} expressions and {@code %{for}} template directives: iteration over lists, sets,
 * tuples, maps and objects, the {@code if} filter, object keys with grouping, and the unknown and
 * sensitive rules (an unknown collection or filter makes the whole result unknown).
 */
final class ForExpressions {

    private ForExpressions() {
    }

    /** One iteration step: the key and value bound to the loop variables. */
    private record Entry(Value key, Value value) {
    }

    /** The collection's entries, or null after reporting why it cannot be iterated. */
    private static List<Entry> entries(Value coll, dev.lockstep.api.diag.SourceRange range, Diagnostics diags) {
        if (coll.isNull()) {
            diags.error("Iteration over null value", "A null value cannot be used as the collection in a 'for' "
                    + "expression.", range);
            return null;
        }
        List<Entry> out = new ArrayList<>();
        if (coll.isSequence()) {
            List<Value> els = coll.elements();
            for (int i = 0; i < els.size(); i++) {
                Value v = els.get(i);
                out.add(new Entry(coll.isSet() ? v : Value.number(i), v));
            }
            return out;
        }
        if (coll.isMapping()) {
            for (Map.Entry<String, Value> e : coll.attributes().entrySet()) {
                out.add(new Entry(Value.string(e.getKey()), e.getValue()));
            }
            return out;
        }
        diags.error("Iteration over non-iterable value", "A value of type " + coll.type().friendlyName()
                + " cannot be used as the collection in a 'for' expression.", range);
        return null;
    }

    static Value evaluate(Evaluator ev, ForExpr f, EvalContext ctx) {
        Diagnostics diags = ev.diags();
        Value coll = ev.eval(f.collection(), ctx);
        boolean mark = coll.isSensitive();
        coll = coll.unmark();
        if (!coll.isKnown() && !coll.isNull()) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        List<Entry> entries = entries(coll, f.collection().range(), diags);
        if (entries == null) {
            return Value.DYNAMIC_UNKNOWN;
        }
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> object = new LinkedHashMap<>();
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        boolean unknown = false;
        for (Entry e : entries) {
            Map<String, Value> vars = new HashMap<>(2);
            if (f.keyVar() != null) {
                vars.put(f.keyVar(), e.key().markSensitiveIf(mark));
            }
            vars.put(f.valueVar(), e.value().markSensitiveIf(mark));
            EvalContext inner = ctx.child(vars);
            if (f.condition() != null) {
                Value c = ev.eval(f.condition(), inner);
                if (c.isNull()) {
                    diags.error("Condition is null", "The value of the 'if' clause must not be null.",
                            f.condition().range());
                    return Value.DYNAMIC_UNKNOWN;
                }
                if (c.isSensitive()) {
                    mark = true;
                    c = c.unmark();
                }
                try {
                    c = Conversion.convert(c, Type.BOOL);
                } catch (ConversionException ex) {
                    diags.error("Invalid 'for' condition", "The 'if' clause value is invalid: bool required.",
                            f.condition().range());
                    return Value.DYNAMIC_UNKNOWN;
                }
                if (!c.isKnown()) {
                    unknown = true;
                    continue;
                }
                if (!c.asBool()) {
                    continue;
                }
            }
            if (!f.isObject()) {
                tuple.add(ev.eval(f.valueExpr(), inner));
                continue;
            }
            Value k = ev.eval(f.keyExpr(), inner);
            Value v = ev.eval(f.valueExpr(), inner);
            if (k.isNull()) {
                diags.error("Invalid object key", "Key expression in 'for' expression must not produce a null value.",
                        f.keyExpr().range());
                return Value.DYNAMIC_UNKNOWN;
            }
            if (k.isSensitive()) {
                mark = true;
                k = k.unmark();
            }
            if (!k.isKnown()) {
                unknown = true;
                continue;
            }
            String key;
            try {
                key = Conversion.convert(k, Type.STRING).asString();
            } catch (ConversionException ex) {
                diags.error("Invalid object key", "The key expression produced an invalid result: string required.",
                        f.keyExpr().range());
                return Value.DYNAMIC_UNKNOWN;
            }
            if (f.grouping()) {
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
            } else {
                if (object.containsKey(key)) {
                    diags.error("Duplicate object key", "Two different items produced the key \"" + key + "\" in this "
                            + "'for' expression. If duplicates are expected, use the ellipsis (...) after the value "
                            + "expression to enable grouping by key.", f.keyExpr().range());
                    return Value.DYNAMIC_UNKNOWN;
                }
                object.put(key, v);
            }
        }
        if (unknown) {
            return Value.DYNAMIC_UNKNOWN.markSensitiveIf(mark);
        }
        Value out;
        if (!f.isObject()) {
            out = Value.tuple(tuple);
        } else if (f.grouping()) {
            Map<String, Value> grouped = new LinkedHashMap<>();
            groups.forEach((k, vs) -> grouped.put(k, Value.tuple(vs)));
            out = Value.object(grouped);
        } else {
            out = Value.object(object);
        }
        return out.markSensitiveIf(mark);
    }

    static Value template(Evaluator ev, TemplateForExpr f, EvalContext ctx) {
        Diagnostics diags = ev.diags();
        Value coll = ev.eval(f.collection(), ctx);
        boolean mark = coll.isSensitive();
        coll = coll.unmark();
        if (!coll.isKnown() && !coll.isNull()) {
            return Value.unknown(Type.STRING).markSensitiveIf(mark);
        }
        List<Entry> entries = entries(coll, f.collection().range(), diags);
        if (entries == null) {
            return Value.unknown(Type.STRING);
        }
        StringBuilder sb = new StringBuilder();
        boolean unknown = false;
        for (Entry e : entries) {
            Map<String, Value> vars = new HashMap<>(2);
            if (f.keyVar() != null) {
                vars.put(f.keyVar(), e.key().markSensitiveIf(mark));
            }
            vars.put(f.valueVar(), e.value().markSensitiveIf(mark));
            Value part = ev.eval(f.body(), ctx.child(vars));
            if (part.isSensitive()) {
                mark = true;
                part = part.unmark();
            }
            if (!part.isKnown()) {
                unknown = true;
            } else if (!part.isNull()) {
                sb.append(part.asString());
            }
        }
        Value out = unknown ? Value.unknown(Type.STRING) : Value.string(sb.toString());
        return out.markSensitiveIf(mark);
    }
}
