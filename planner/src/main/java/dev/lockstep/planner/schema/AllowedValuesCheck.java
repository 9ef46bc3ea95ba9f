package dev.lockstep.planner.schema;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.schema.AllowedValues;
import dev.lockstep.api.schema.AttributeSchema;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.eval.Suggestions;

/**
 * Checks a decoded attribute value against the values its schema allows ({@link AllowedValues}):
 * a known string, or each known string of a list, set or map. Unknown values pass; they are
 * checked again when the plan or the apply decodes the configuration with them known. The error
 * is at the attribute's expression, lists the allowed values and names the closest one.
 */
public final class AllowedValuesCheck {

    private AllowedValuesCheck() {
    }

    /** Reports every known value of {@code v} that {@code as} does not allow. */
    public static void check(AttributeSchema as, Value v, SourceRange range, Diagnostics diags) {
        if (as.allowed() == null || v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        if (v.type() == Type.STRING) {
            String given = v.unmark().asString();
            AllowedValues allowed = as.allowed();
            if (allowed.allows(given)) {
                return;
            }
            String shown = v.isSensitive() ? "the given (sensitive) value" : "\"" + given + "\"";
            String hint = v.isSensitive() ? "" : Suggestions.didYouMean(allowed.comparable(given), allowed.values());
            diags.error("Invalid value for \"" + as.name() + "\"", as.name() + " must be one of "
                    + String.join(", ", allowed.values()) + (allowed.ignoreCase() ? " (in any case)" : "")
                    + ", not " + shown + "." + hint, range);
            return;
        }
        if (v.isSequence()) {
            for (Value e : v.elements()) {
                check(as, e, range, diags);
            }
        } else if (v.isMapping()) {
            for (Value e : v.attributes().values()) {
                check(as, e, range, diags);
            }
        }
    }
}
