package dev.lockstep.cli.command;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.PlanJsonRenderer;
import dev.lockstep.planner.engine.Applier;
import dev.lockstep.planner.engine.PlanOptions;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.hcl.print.ConsoleFormat;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep output [NAME]}: the root outputs recorded by the last apply. A sensitive output is
 * never recorded; {@code --raw NAME} evaluates it afresh (re-reading secret sources) and prints it.
 */
@Command(name = "output", mixinStandardHelpOptions = true,
        description = {"Show the outputs recorded by the last apply.",
            "Sensitive outputs print only with --raw NAME, which evaluates them afresh."})
public final class OutputCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One output.")
    String name;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--raw", description = "Print one output's raw value (strings without quotes); the only way to "
            + "see a sensitive output.")
    boolean raw;

    @Mixin
    VariableOptions variables;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace ws = Workspace.open(root);
        State state;
        try {
            state = ws.backend().load().state();
        } catch (StateException e) {
            return ws.stateError(e, err);
        }
        Map<String, OutputValue> outputs = state.outputs();
        if (name == null) {
            if (raw) {
                err.println("error: --raw needs an output NAME.");
                err.flush();
                return ExitCode.ERROR.code();
            }
            if (json) {
                var o = PlanJsonRenderer.jsonObject();
                outputs.forEach((k, v) -> {
                    var e = o.putObject(k);
                    e.put("sensitive", v.sensitive());
                    e.set("value", PlanJsonRenderer.valueJson(v.sensitive() ? null : v.value()));
                });
                out.println(PlanJsonRenderer.toText(o));
            } else {
                printAll(state, out, false);
            }
            out.flush();
            return ExitCode.OK.code();
        }
        OutputValue v = outputs.get(name);
        if (v == null) {
            err.println("error: Output \"" + name + "\" not found. The state has " + (outputs.isEmpty() ? "no outputs"
                    : "the outputs " + String.join(", ", outputs.keySet())) + "; apply the configuration to record "
                    + "new ones.");
            err.flush();
            return ExitCode.ERROR.code();
        }
        Value value = v.value();
        if (v.sensitive()) {
            if (!raw) {
                out.println("(sensitive value) -- use `lockstep output --raw " + name + "` to print it");
                out.flush();
                return ExitCode.OK.code();
            }
            value = evaluate(ws, state, v, err);
            if (value == null) {
                return ExitCode.ERROR.code();
            }
        }
        if (raw) {
            if (!value.type().isPrimitive()) {
                err.println("error: --raw prints only strings, numbers and bools; \"" + name + "\" is a "
                        + value.type().friendlyName() + ". Use --json.");
                err.flush();
                return ExitCode.ERROR.code();
            }
            Value u = value.unmarkDeep();
            out.print(u.type() == Type.STRING ? u.asString() : u.type() == Type.NUMBER
                    ? Value.formatNumber(u.asNumber()) : String.valueOf(u.asBool()));
        } else if (json) {
            out.println(PlanJsonRenderer.toText(PlanJsonRenderer.valueJson(value)));
        } else {
            out.println(ConsoleFormat.format(value));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** Evaluates a sensitive output afresh; null after printing why it cannot be. */
    private Value evaluate(Workspace ws, State state, OutputValue recorded, PrintWriter err) {
        int[] code = {0};
        try (Session s = ws.session("output", variables, false, java.time.Duration.ZERO, err, code)) {
            if (s == null) {
                return null;
            }
            PlanOptions opts = new PlanOptions(PlanMode.REFRESH_ONLY, false, List.of(), List.of(), 10);
            Planner.Result r = s.plan(opts);
            var diags = new dev.lockstep.api.diag.Diagnostics().addAll(r.diagnostics());
            Value v = Applier.outputs(s.planRequest(opts), r, diags).get(name);
            if (diags.hasErrors() || v == null || !v.isWhollyKnown()) {
                ws.printDiagnostics(diags, s.config().sources(), err);
                err.println("error: The output \"" + name + "\" cannot be evaluated now.");
                err.flush();
                return null;
            }
            if (recorded.secretHash() != null
                    && !new SecretHasher(state.hashKey()).hash(v).equals(recorded.secretHash())) {
                err.println("error: The output \"" + name + "\" evaluates to a different value than the last apply "
                        + "recorded (a secret source changed, or the value existed only at apply time, like a new "
                        + "token). Run `lockstep plan` to see why.");
                err.flush();
                return null;
            }
            return v;
        }
    }

    /** Prints every output as {@code name = value}, sensitive ones hidden. */
    static void printAll(State state, PrintWriter out) {
        printAll(state, out, true);
    }

    static void printAll(State state, PrintWriter out, boolean heading) {
        if (state.outputs().isEmpty()) {
            return;
        }
        if (heading) {
            out.println();
            out.println("Outputs:");
            out.println();
        }
        state.outputs().forEach((k, v) -> out.println(k + " = " + (v.sensitive() ? "<sensitive>"
                : ConsoleFormat.format(v.value()))));
    }
}
