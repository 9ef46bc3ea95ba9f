package dev.lockstep.secrets;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads the attributes of a decoded object value (a {@code provider} block's settings or a data
 * source's configuration) as plain Java values. Absent and null attributes read as null; an
 * unknown value is a diagnostic, since a provider cannot connect or read with a value that is
 * only known after apply. Sensitive marks are ignored here: the caller knows which settings are
 * secrets and never prints them.
 */
public final class Args {

    private final Value object;
    private final String owner;
    private final Diagnostics diags;

    /**
     * @param object the decoded object (may be null: every attribute then reads as null)
     * @param owner how messages name the object, such as {@code provider "vault"}
     * @param diags where problems are reported
     */
    public Args(Value object, String owner, Diagnostics diags) {
        this.object = object;
        this.owner = owner;
        this.diags = diags;
    }

    private Value raw(String name) {
        if (object == null || object.isNull() || !object.isKnown() || !object.isMapping()) {
            return null;
        }
        Value v = object.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isWhollyKnown()) {
            diags.error("Value not yet known", "The value of \"" + name + "\" in " + owner
                    + " is only known after apply; it must be known when the provider reads.", null);
            return null;
        }
        return v.unmarkDeep();
    }

    /** A string attribute, or null. */
    public String string(String name) {
        Value v = raw(name);
        return v == null || v.type() != Type.STRING ? null : v.asString();
    }

    /** A bool attribute, or null. */
    public Boolean bool(String name) {
        Value v = raw(name);
        return v == null || v.type() != Type.BOOL ? null : v.asBool();
    }

    /** A number attribute, or null. */
    public BigDecimal number(String name) {
        Value v = raw(name);
        return v == null || v.type() != Type.NUMBER ? null : v.asNumber();
    }

    /**
     * A whole number attribute within {@code [min, max]}, or null when not set; a fraction or a
     * number out of range is a diagnostic (and reads as null).
     */
    public Integer wholeNumber(String name, int min, int max) {
        BigDecimal n = number(name);
        if (n == null) {
            return null;
        }
        if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(min)) < 0
                || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            diags.error("Invalid value for \"" + name + "\"", "\"" + name + "\" in " + owner + " must be a whole "
                    + "number from " + min + " to " + max + "; got " + Value.formatNumber(n) + ".", null);
            return null;
        }
        return n.intValueExact();
    }

    /** A nested single block, or null when absent. */
    public Args block(String name) {
        Value v = raw(name);
        return v == null ? null : new Args(v, name + " in " + owner, diags);
    }

    /** The first non-blank of the attribute and the given environment variables, or null. */
    public String stringOrEnv(String name, Map<String, String> environment, String... variables) {
        String s = string(name);
        if (s != null && !s.isBlank()) {
            return s;
        }
        for (String var : variables) {
            String e = environment.get(var);
            if (e != null && !e.isBlank()) {
                return e;
            }
        }
        return null;
    }
}
