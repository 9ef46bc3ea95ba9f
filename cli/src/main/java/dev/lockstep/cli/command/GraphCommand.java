package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.cli.render.DotRenderer;
import dev.lockstep.planner.validate.ConfigValidator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep graph}: the dependency graph of the configuration in Graphviz DOT. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the configuration's dependency graph in Graphviz DOT format.",
            "Render it with: lockstep graph | dot -Tsvg > graph.svg"})
public final class GraphCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Override
    public Integer call() {
        Workspace ws = Workspace.open(root);
        ConfigValidator.Result r = ws.validator().validate(ws.dir(), variables.sources());
        PrintWriter err = spec.commandLine().getErr();
        new DiagnosticPrinter(r.config().sources(), root.style()).print(r.diagnostics(), err);
        if (!r.valid() || r.graph() == null) {
            return ExitCode.ERROR.code();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(DotRenderer.render(r.graph().graph()));
        out.flush();
        return ExitCode.OK.code();
    }
}
