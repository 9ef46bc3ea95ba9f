package dev.lockstep.cli.command;

import dev.lockstep.api.value.Value;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.planner.ops.OutputEvaluation;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateException;
import java.io.PrintWriter;
import java.time.Duration;
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
                return fail(err, "--raw needs an output NAME.");
            }
            if (json) {
                out.println(OutputRenderer.json(outputs));
            } else {
                OutputRenderer.text(outputs, out, false);
            }
            out.flush();
            return ExitCode.OK.code();
        }
        OutputValue v = outputs.get(name);
        if (v == null) {
            return fail(err, "Output \"" + name + "\" not found. The state has " + (outputs.isEmpty() ? "no outputs"
                    : "the outputs " + String.join(", ", outputs.keySet())) + "; apply the configuration to record "
                    + "new ones.");
        }
        Value value = v.value();
        if (v.sensitive() && !raw) {
            out.println("(sensitive value) -- use `lockstep output --raw " + name + "` to print it");
            out.flush();
            return ExitCode.OK.code();
        }
        if (v.sensitive()) {
            value = evaluate(ws, v, err);
            if (value == null) {
                return ExitCode.ERROR.code();
            }
        }
        String text = raw ? OutputRenderer.raw(value) : json ? OutputRenderer.json(value) + "\n"
                : OutputRenderer.text(value) + "\n";
        if (text == null) {
            return fail(err, "--raw prints only strings, numbers and bools; \"" + name + "\" is a "
                    + value.type().friendlyName() + ". Use --json.");
        }
        out.print(text);
        out.flush();
        return ExitCode.OK.code();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCode.ERROR.code();
    }

    /** Evaluates a sensitive output afresh; null after printing why it cannot be. */
    private Value evaluate(Workspace ws, OutputValue recorded, PrintWriter err) {
        int[] code = {0};
        try (Session s = ws.session("output", variables, false, Duration.ZERO, err, code)) {
            if (s == null) {
                return null;
            }
            OutputEvaluation.Result r = OutputEvaluation.evaluate(s, name, recorded);
            if (r instanceof OutputEvaluation.Failed f) {
                ws.printDiagnostics(f.diagnostics(), s.config().sources(), err);
                fail(err, f.reason());
                return null;
            }
            return ((OutputEvaluation.Evaluated) r).value();
        }
    }
}
