package dev.lockstep.planner.scope;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.hcl.Limits;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides the instances of a resource from its {@code count} or {@code for_each}, with
 * Terraform's rules and messages: count is a whole non-negative number, for_each a map or a set of
 * strings, neither may be null or sensitive, and an unknown value makes the instances unknown.
 * Neither may make more than {@link Limits#INSTANCES} instances.
 */
public final class Expansion {

    /** One instance: its key and the {@code count.index} / {@code each} values it sees. */
    public record Instance(InstanceKey key, Value countIndex, Value eachKey, Value eachValue) {
    }

    /**
     * The instances, or null when they cannot be known yet (an unknown count or for_each) or after
     * an error (reported in diags).
     */
    public static List<Instance> expand(ResourceConfig r, EvalContext ctx, Diagnostics diags) {
        if (r.count() != null) {
            return count(r, ctx, diags);
        }
        if (r.forEach() != null) {
            return forEach(r, ctx, diags);
        }
        return List.of(new Instance(InstanceKey.NONE, null, null, null));
    }

    private static List<Instance> count(ResourceConfig r, EvalContext ctx, Diagnostics diags) {
        int before = diags.errorCount();
        Value v = Evaluator.evaluate(r.count(), ctx, diags);
        if (diags.errorCount() > before) {
            return null;
        }
        if (v.containsSensitive()) {
            diags.error("Invalid count argument", "Sensitive values, or values derived from sensitive values, cannot "
                    + "be used as count arguments.", r.count().range());
            return null;
        }
        if (v.isNull()) {
            diags.error("Invalid count argument", "The given \"count\" argument value is null. An integer is "
                    + "required.", r.count().range());
            return null;
        }
        Value n;
        try {
            n = Conversion.convert(v, Type.NUMBER);
        } catch (ConversionException e) {
            diags.error("Invalid count argument", "The given \"count\" argument value is unsuitable: " + e.getMessage()
                    + ".", r.count().range());
            return null;
        }
        if (!n.isKnown()) {
            return null;
        }
        BigDecimal d = n.asNumber();
        int c;
        try {
            c = d.intValueExact();
        } catch (ArithmeticException e) {
            if (d.signum() > 0 && d.stripTrailingZeros().scale() <= 0) {
                // a whole number beyond int: certainly over the limit
                diags.error("Invalid count argument", "The given \"count\" argument value is unsuitable: "
                        + Value.formatNumber(d) + " is more than the " + Limits.INSTANCES + " instances lockstep "
                        + "expands one resource to. Split the instances over several resource blocks.",
                        r.count().range());
                return null;
            }
            diags.error("Invalid count argument", "The given \"count\" argument value is unsuitable: the value must be "
                    + "a whole number.", r.count().range());
            return null;
        }
        if (c < 0) {
            diags.error("Invalid count argument", "The given \"count\" argument value is unsuitable: must be greater "
                    + "than or equal to zero.", r.count().range());
            return null;
        }
        if (c > Limits.INSTANCES) {
            diags.error("Invalid count argument", "The given \"count\" argument value is unsuitable: " + c + " is "
                    + "more than the " + Limits.INSTANCES + " instances lockstep expands one resource to. Split the "
                    + "instances over several resource blocks.", r.count().range());
            return null;
        }
        List<Instance> out = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            out.add(new Instance(InstanceKey.of(i), Value.number(i), null, null));
        }
        return out;
    }

    private static List<Instance> forEach(ResourceConfig r, EvalContext ctx, Diagnostics diags) {
        int before = diags.errorCount();
        Value v = Evaluator.evaluate(r.forEach(), ctx, diags);
        if (diags.errorCount() > before) {
            return null;
        }
        if (v.isNull()) {
            diags.error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the given "
                    + "\"for_each\" argument value is null. A map, or set of strings is allowed.",
                    r.forEach().range());
            return null;
        }
        if (v.isSensitive()) {
            diags.error("Invalid for_each argument", "Sensitive values, or values derived from sensitive values, "
                    + "cannot be used as for_each arguments. If used, the sensitive value could be exposed as a "
                    + "resource instance key.", r.forEach().range());
            return null;
        }
        if (v.isList() || v.isTuple()) {
            diags.error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the "
                    + "\"for_each\" argument must be a map, or set of strings, and you have provided a value of type "
                    + v.type().friendlyName() + ". Convert it with toset() or build a map with a for expression.",
                    r.forEach().range());
            return null;
        }
        if (!(v.isSet() || v.isMapping())) {
            diags.error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: the "
                    + "\"for_each\" argument must be a map, or set of strings, and you have provided a value of type "
                    + v.type().friendlyName() + ".", r.forEach().range());
            return null;
        }
        if (!v.isKnown()) {
            return null;
        }
        int size = v.isSet() ? v.elements().size() : v.attributes().size();
        if (size > Limits.INSTANCES) {
            diags.error("Invalid for_each argument", "The given \"for_each\" argument value is unsuitable: it has "
                    + size + " elements, more than the " + Limits.INSTANCES + " instances lockstep expands one "
                    + "resource to. Split the instances over several resource blocks.", r.forEach().range());
            return null;
        }
        List<Instance> out = new ArrayList<>();
        if (v.isSet()) {
            if (v.type().elementType() != Type.STRING && v.type().elementType() != Type.DYNAMIC) {
                diags.error("Invalid for_each set argument", "The given \"for_each\" argument value is unsuitable: "
                        + "\"for_each\" supports sets of strings, but you have provided a set containing type "
                        + v.type().elementType().friendlyName() + ".", r.forEach().range());
                return null;
            }
            for (Value e : v.elements()) {
                if (e.isNull()) {
                    diags.error("Invalid for_each set argument", "The given \"for_each\" argument value is unsuitable: "
                            + "\"for_each\" sets must not contain null values.", r.forEach().range());
                    return null;
                }
                if (!e.isKnown()) {
                    return null;
                }
                out.add(new Instance(InstanceKey.of(e.asString()), null, e, e));
            }
            return out;
        }
        for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
            out.add(new Instance(InstanceKey.of(e.getKey()), null, Value.string(e.getKey()), e.getValue()));
        }
        return out;
    }

    private Expansion() {
    }
}
