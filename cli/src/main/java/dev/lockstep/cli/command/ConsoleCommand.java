package dev.lockstep.cli.command;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.engine.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.hcl.Hcl;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.eval.Evaluator;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.Library;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.PlanMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep console}: evaluates expressions read from standard input (one per line, or
 * continued while brackets are open) against the configuration's variables, locals, data sources
 * and recorded resources, printing values as {@code terraform console} does.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Evaluate expressions against the configuration and its state.",
            "Reads one expression per line from standard input; at a terminal, type `exit` or Ctrl-D to leave."})
public final class ConsoleCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = Workspace.open(root);
        int[] code = {0};
        try (Session s = ws.session("console", variables, false, java.time.Duration.ZERO, err, code)) {
            if (s == null) {
                return code[0];
            }
            Planner.Result r = s.plan(new PlanOptions(PlanMode.REFRESH_ONLY, false, List.of(), List.of(), 10));
            if (r.diagnostics().hasErrors()) {
                ws.printDiagnostics(r.diagnostics(), s.config().sources(), err);
                return ExitCode.ERROR.code();
            }
            FunctionContext fctx = new FunctionContext(ws.dir(), System.getenv(), false);
            EvalContext ctx = EvalContext.of(r.scope(), Library.all(fctx), fctx);
            boolean interactive = System.console() != null;
            boolean failed = false;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder pending = new StringBuilder();
            while (true) {
                if (interactive) {
                    out.print(pending.length() == 0 ? "> " : ". ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                if (pending.length() == 0 && (line.trim().equals("exit") || line.isBlank())) {
                    if (line.trim().equals("exit")) {
                        break;
                    }
                    continue;
                }
                pending.append(line).append('\n');
                if (openBrackets(pending) > 0) {
                    continue;
                }
                Diagnostics d = new Diagnostics();
                var expr = Hcl.parseExpression(pending.toString(), "<console-input>", d);
                pending.setLength(0);
                Value v = d.hasErrors() ? null : Evaluator.evaluate(expr, ctx, d);
                if (d.hasErrors()) {
                    failed = true;
                    ws.printDiagnostics(d, java.util.Map.of(), err);
                } else {
                    out.println(ConsoleFormat.format(v));
                }
                out.flush();
            }
            return failed && !interactive ? ExitCode.ERROR.code() : ExitCode.OK.code();
        }
    }

    /** Brackets opened and not closed, outside strings (an approximation good enough to join lines). */
    private static int openBrackets(CharSequence s) {
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
        return depth;
    }
}
