package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code lockstep console}: evaluates expressions against the configuration's values as a plan
 * without refresh sees them (variables, locals, recorded resource attributes, functions).
 */
public final class Console implements AutoCloseable {

    private final Session session;
    private final EvalContext context;

    private Console(Session session, EvalContext context) {
        this.session = session;
        this.context = context;
    }

    static Outcome<Console> open(Session s, Path dir, Map<String, String> environment, Diagnostics opened) {
        Planner.Result r = s.plan(new PlanOptions(PlanMode.REFRESH_ONLY, false, List.of(), List.of(), 10));
        Diagnostics diags = new Diagnostics().addAll(opened).addAll(r.diagnostics());
        if (r.diagnostics().hasErrors()) {
            s.close();
            return Outcome.failed(diags);
        }
        FunctionContext fctx = new FunctionContext(dir, environment, false);
        return Outcome.succeeded(new Console(s, EvalContext.of(r.scope(), Library.all(fctx), fctx)), diags);
    }

    /** Evaluates one expression; the result is the value as {@code terraform console} prints it. */
    public Outcome<String> evaluate(String expression) {
        Diagnostics d = new Diagnostics();
        var expr = Hcl.parseExpression(expression, "<console-input>", d);
        Value v = d.hasErrors() ? null : Evaluator.evaluate(expr, context, d);
        if (d.hasErrors()) {
            return Outcome.failed(d);
        }
        return Outcome.succeeded(ConsoleFormat.format(v), d);
    }

    @Override
    public void close() {
        session.close();
    }

    /**
     * Whether {@code text} opens more brackets than it closes (outside strings), so the console
     * reads another line before evaluating: an approximation good enough to join lines.
     */
    public static boolean incomplete(CharSequence s) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth > 0;
    }
}
