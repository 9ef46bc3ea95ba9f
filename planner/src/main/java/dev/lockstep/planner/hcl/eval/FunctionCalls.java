package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.FunctionCallExpr;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Function calls: argument evaluation, expansion of a final {@code xs...} argument, arity checks
 * with HCL's messages, the lazily evaluated {@code try} and {@code can}, and turning a
 * {@link FunctionException} into a diagnostic that points at the offending argument.
 */
final class FunctionCalls {

    private final Evaluator evaluator;
    private final Diagnostics diags;

    FunctionCalls(Evaluator evaluator, Diagnostics diags) {
        this.evaluator = evaluator;
        this.diags = diags;
    }

    Value call(FunctionCallExpr f, EvalContext ctx) {
        switch (f.name()) {
            case "try":
                return tryCall(f, ctx);
            case "can":
                return canCall(f, ctx);
            default:
                break;
        }
        Function fn = ctx.functions().get(f.name());
        if (fn == null) {
            diags.error("Call to unknown function", "There is no function named \"" + f.name() + "\"."
                    + Suggestions.didYouMean(f.name(), ctx.functions().keySet()), f.nameRange());
            return Value.DYNAMIC_UNKNOWN;
        }
        List<Value> args = new ArrayList<>(f.args().size());
        List<SourceRange> ranges = new ArrayList<>(f.args().size());
        for (Expression a : f.args()) {
            args.add(evaluator.eval(a, ctx));
            ranges.add(a.range());
        }
        if (f.expandFinal()) {
            Expression lastExpr = f.args().get(f.args().size() - 1);
            Value last = args.remove(args.size() - 1);
            ranges.remove(ranges.size() - 1);
            if (last.isNull()) {
                diags.error("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be "
                        + "null.", lastExpr.range());
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!last.isKnown()) {
                return Value.DYNAMIC_UNKNOWN;
            }
            if (!last.isSequence()) {
                diags.error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of "
                        + "a tuple, list, or set type.", lastExpr.range());
                return Value.DYNAMIC_UNKNOWN;
            }
            boolean mark = last.isSensitive();
            for (Value v : last.elements()) {
                args.add(v.markSensitiveIf(mark));
                ranges.add(lastExpr.range());
            }
        }
        int fixed = fn.params().size();
        if (args.size() < fixed) {
            String missing = fn.params().get(args.size()).name();
            diags.error("Not enough function arguments", "Function \"" + fn.name() + "\" expects "
                    + plural(fixed) + (fn.varParam() != null ? " or more" : "") + ". Missing value for \"" + missing
                    + "\".", f.range());
            return Value.DYNAMIC_UNKNOWN;
        }
        if (fn.varParam() == null && args.size() > fixed) {
            diags.error("Too many function arguments", "Function \"" + fn.name() + "\" expects only "
                    + plural(fixed) + ".", ranges.get(fixed));
            return Value.DYNAMIC_UNKNOWN;
        }
        try {
            return fn.call(args);
        } catch (FunctionException ex) {
            int i = ex.argIndex();
            if (i >= 0 && i < ranges.size()) {
                diags.error("Invalid function argument", ex.getMessage(), ranges.get(i));
            } else {
                diags.error("Error in function call", "Call to function \"" + fn.name() + "\" failed: "
                        + ex.getMessage(), f.range());
            }
            return Value.DYNAMIC_UNKNOWN;
        } catch (RuntimeException ex) {
            // a bug in a function must not become a stack trace for the user
            diags.error("Error in function call", "Call to function \"" + fn.name() + "\" failed unexpectedly ("
                    + ex.getClass().getSimpleName() + "). This is a bug in lockstep; please report it.", f.range());
            return Value.DYNAMIC_UNKNOWN;
        }
    }

    private static String plural(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }

    /** {@code try(a, b, ...)}: the first argument that evaluates without errors. */
    private Value tryCall(FunctionCallExpr f, EvalContext ctx) {
        if (f.args().isEmpty()) {
            diags.error("Not enough function arguments", "Function \"try\" expects at least one argument.", f.range());
            return Value.DYNAMIC_UNKNOWN;
        }
        Diagnostics last = null;
        for (Expression a : f.args()) {
            Diagnostics d = new Diagnostics();
            Value v = Evaluator.evaluateInto(a, ctx, d);
            if (!d.hasErrors()) {
                if (!v.isWhollyKnown()) {
                    return Value.DYNAMIC_UNKNOWN;
                }
                diags.addAll(d);
                return v;
            }
            last = d;
        }
        diags.error("Error in function call", "Call to function \"try\" failed: no expression succeeded. The last "
                + "one failed with: " + firstError(last) + ".", f.range());
        return Value.DYNAMIC_UNKNOWN;
    }

    /** {@code can(expr)}: whether the expression evaluates without errors. */
    private Value canCall(FunctionCallExpr f, EvalContext ctx) {
        if (f.args().size() != 1) {
            diags.error(f.args().isEmpty() ? "Not enough function arguments" : "Too many function arguments",
                    "Function \"can\" expects 1 argument.", f.range());
            return Value.unknown(Type.BOOL);
        }
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluateInto(f.args().get(0), ctx, d);
        if (d.hasErrors()) {
            return Value.FALSE;
        }
        if (!v.isWhollyKnown()) {
            return Value.unknown(Type.BOOL);
        }
        return Value.TRUE;
    }

    private static String firstError(Diagnostics d) {
        for (var x : d) {
            if (x.isError()) {
                return x.summary() + (x.detail().isEmpty() ? "" : ": " + stripPeriod(x.detail()));
            }
        }
        return "unknown error";
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
