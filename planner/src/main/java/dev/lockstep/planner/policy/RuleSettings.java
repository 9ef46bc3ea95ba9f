package dev.lockstep.planner.policy;

import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built-in rule's parameter values for one evaluation: the configuration's where it set them,
 * the rule's defaults otherwise. Values are known and of the parameter's type (checked when the
 * configuration is decoded).
 */
public record RuleSettings(Map<String, Value> values) {

    public RuleSettings {
        values = Map.copyOf(values);
    }

    /** The defaults of a rule's parameters. */
    public static RuleSettings defaults(BuiltinRule rule) {
        Map<String, Value> m = new java.util.HashMap<>();
        for (RuleParameter p : rule.parameters()) {
            m.put(p.name(), p.defaultValue());
        }
        return new RuleSettings(m);
    }

    public Value value(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public String string(String name) {
        Value v = value(name);
        return v.isNull() ? null : v.asString();
    }

    public BigDecimal number(String name) {
        Value v = value(name);
        return v.isNull() ? null : v.asNumber();
    }

    public boolean bool(String name) {
        Value v = value(name);
        return !v.isNull() && v.asBool();
    }

    public List<String> strings(String name) {
        Value v = value(name);
        List<String> out = new ArrayList<>();
        if (!v.isNull()) {
            for (Value e : v.elements()) {
                out.add(e.asString());
            }
        }
        return out;
    }
}
