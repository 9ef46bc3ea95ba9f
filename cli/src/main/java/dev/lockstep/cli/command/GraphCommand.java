package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DotRenderer;
import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
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
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<DependencyGraph> o = ws.operations().validate(variables.inputs());
        int code = inv.finish(o);
        if (o.ok()) {
            inv.out().print(DotRenderer.render(o.result()));
            inv.out().flush();
        }
        return code;
    }
}
