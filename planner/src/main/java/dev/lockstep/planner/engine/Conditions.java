package dev.lockstep.planner.engine;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.Severity;
import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Check;
import dev.lockstep.planner.config.Condition;
import dev.lockstep.planner.hcl.ast.Traversal;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.eval.RootScope;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates custom conditions (preconditions, postconditions, output preconditions and check
 * assertions) as Terraform 1.11 does: the error message is evaluated first and must be a string
 * (a sensitive one is not shown), the condition must be true or false (not null, not another
 * type), an unknown condition is left for later, and a false one is reported as
 * "{@code <kind> failed}" with the message as the detail, at the condition's range. Problems with
 * the expressions themselves are always errors; a failure has the severity the caller chooses.
 */
public final class Conditions {

    /** What a condition belongs to, which names it in diagnostics. */
    public enum Kind {
        RESOURCE_PRECONDITION("Resource precondition"),
        RESOURCE_POSTCONDITION("Resource postcondition"),
        OUTPUT_PRECONDITION("Module output value precondition"),
        CHECK_ASSERTION("Check block assertion");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** How a list of conditions came out: all true, some not known yet, or some false or invalid. */
    public enum Outcome {
        PASSED, UNKNOWN, FAILED
    }

    private Conditions() {
    }

    /**
     * Evaluates {@code rules} in {@code ctx}. A false condition is reported with
     * {@code failure} severity; with {@code warnUnknown} an unknown one gets the warning Terraform
     * gives for check assertions during plan ("... known after apply").
     */
    public static Outcome check(Kind kind, List<Condition> rules, EvalContext ctx, Severity failure,
            boolean warnUnknown, Diagnostics diags) {
        Outcome out = Outcome.PASSED;
        for (Condition rule : rules) {
            Outcome o = checkOne(kind, rule, ctx, failure, warnUnknown, diags);
            if (o == Outcome.FAILED || o == Outcome.UNKNOWN && out == Outcome.PASSED) {
                out = o;
            }
        }
        return out;
    }

    /** Evaluates the assertions of every check block; failures are warnings, never errors. */
    public static void checkBlocks(Collection<Check> checks, EvalContext ctx, boolean warnUnknown,
            Diagnostics diags) {
        for (Check c : checks) {
            check(Kind.CHECK_ASSERTION, c.asserts(), ctx, Severity.WARNING, warnUnknown, diags);
        }
    }

    /**
     * Evaluates the expressions of {@code rules} only for the problems they have whatever the
     * values (unknown functions, wrong argument types, invalid references), as {@code validate}
     * does with unknown resource values; reports errors only.
     */
    public static void validate(List<Condition> rules, EvalContext ctx, Diagnostics diags) {
        for (Condition rule : rules) {
            Diagnostics d = new Diagnostics();
            Evaluator.evaluate(rule.condition(), ctx, d);
            Evaluator.evaluate(rule.errorMessage(), ctx, d);
            for (Diagnostic x : d) {
                if (x.isError()) {
                    diags.add(x);
                }
            }
        }
    }

    private static Outcome checkOne(Kind kind, Condition rule, EvalContext ctx, Severity failure, boolean warnUnknown,
            Diagnostics diags) {
        Diagnostics d = new Diagnostics();
        String message = errorMessage(rule, ctx, d);
        Value result = Evaluator.evaluate(rule.condition(), ctx, d);
        diags.addAll(d);
        if (d.hasErrors()) {
            return Outcome.FAILED;
        }
        if (!result.isKnown()) {
            if (warnUnknown) {
                diags.warning(kind.description() + " known after apply", "The condition could not be evaluated at "
                        + "this time, a result will be known when this plan is applied.", rule.condition().range());
            }
            return Outcome.UNKNOWN;
        }
        if (result.isNull()) {
            diags.error("Invalid condition result", "Condition expression must return either true or false, not "
                    + "null.", rule.condition().range());
            return Outcome.FAILED;
        }
        Value b;
        try {
            b = Conversion.convert(result, Type.BOOL);
        } catch (ConversionException e) {
            diags.error("Invalid condition result", "Invalid condition result value: " + e.getMessage() + ".",
                    rule.condition().range());
            return Outcome.FAILED;
        }
        if (!b.isKnown()) {
            return Outcome.UNKNOWN;
        }
        if (b.asBool()) {
            return Outcome.PASSED;
        }
        diags.add(new Diagnostic(failure, kind.description() + " failed", message == null ? "This check failed, but "
                + "has an invalid error message as described in the other accompanying messages." : message,
                rule.condition().range()));
        return Outcome.FAILED;
    }

    /** The error message, or null when it cannot be shown (reported in {@code d} unless merely unknown). */
    private static String errorMessage(Condition rule, EvalContext ctx, Diagnostics d) {
        int before = d.errorCount();
        Value v = Evaluator.evaluate(rule.errorMessage(), ctx, d);
        if (d.errorCount() > before) {
            return null;
        }
        try {
            v = Conversion.convert(v, Type.STRING);
        } catch (ConversionException e) {
            d.error("Invalid error message", "Unsuitable value for error message: " + e.getMessage() + ".",
                    rule.errorMessage().range());
            return null;
        }
        if (!v.isWhollyKnown()) {
            return null;
        }
        if (v.isNull()) {
            d.error("Invalid error message", "Unsuitable value for error message: must not be null.",
                    rule.errorMessage().range());
            return null;
        }
        if (v.containsSensitive()) {
            d.warning("Error message refers to sensitive values", "The error expression used to explain this "
                    + "condition refers to sensitive values, so lockstep will not display the resulting message.\n\n"
                    + "You can correct this by removing references to sensitive values, or by carefully using the "
                    + "nonsensitive() function if the expression will not reveal the sensitive data.",
                    rule.errorMessage().range());
            return null;
        }
        return v.asString().strip();
    }

    /** {@code ctx} with {@code self} standing for {@code self}: the scope of a postcondition. */
    public static EvalContext withSelf(EvalContext ctx, Value self) {
        RootScope outer = ctx.scope();
        RootScope scope = new RootScope() {
            @Override
            public Resolution resolve(Traversal t, Diagnostics diags) {
                if (t.root().equals("self")) {
                    return new Resolution(self, 0);
                }
                return outer == null ? null : outer.resolve(t, diags);
            }

            @Override
            public Set<String> rootNames() {
                Set<String> names = new TreeSet<>(outer == null ? Set.of() : outer.rootNames());
                names.add("self");
                return names;
            }
        };
        return EvalContext.of(scope, ctx.functions(), ctx.functionContext());
    }
}
