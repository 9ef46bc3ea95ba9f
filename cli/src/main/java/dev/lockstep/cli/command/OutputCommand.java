package dev.lockstep.cli.command;

import dev.lockstep.api.value.Value;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.OutputRenderer;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.State;
import java.io.PrintWriter;
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
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = inv.out();
        Outcome<State> loaded = ws.state().current();
        if (!loaded.ok()) {
            return inv.finish(loaded);
        }
        Map<String, OutputValue> outputs = loaded.result().outputs();
        if (name == null) {
            if (raw) {
                return inv.usage("--raw needs an output NAME.");
            }
            if (json) {
                out.println(OutputRenderer.json(outputs));
            } else {
                OutputRenderer.text(outputs, out, false);
            }
            out.flush();
            return inv.finish(loaded);
        }
        OutputValue v = outputs.get(name);
        if (v == null) {
            return inv.usage("Output \"" + name + "\" not found. The state has " + (outputs.isEmpty() ? "no outputs"
                    : "the outputs " + String.join(", ", outputs.keySet())) + "; apply the configuration to record "
                    + "new ones.");
        }
        if (v.sensitive() && !raw) {
            out.println("(sensitive value) -- use `lockstep output --raw " + name + "` to print it");
            out.flush();
            return ExitCode.OK.code();
        }
        Value value = v.value();
        if (v.sensitive()) {
            Outcome<Value> fresh = ws.operations().evaluateOutput(name, v, variables.inputs());
            if (!fresh.ok()) {
                return inv.finish(fresh);
            }
            value = fresh.result();
        }
        String text = raw ? OutputRenderer.raw(value) : json ? OutputRenderer.json(value) + "\n"
                : OutputRenderer.text(value) + "\n";
        if (text == null && (value.isNull() || !value.isWhollyKnown())) {
            return inv.usage("Output \"" + name + "\" has no value" + (value.isNull() ? " (it is null)" : "") + ".");
        }
        if (text == null) {
            return inv.usage("--raw prints only strings, numbers and bools; \"" + name + "\" is a "
                    + value.type().friendlyName() + ". Use --json.");
        }
        out.print(text);
        out.flush();
        return ExitCode.OK.code();
    }
}
