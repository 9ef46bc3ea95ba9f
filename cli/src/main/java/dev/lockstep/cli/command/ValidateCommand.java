package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep validate}: checks the configuration without contacting any system. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the configuration: syntax, references, types, variables and resource schemas.",
            "Contacts no cluster or workspace. Exit 0 when valid, 1 when not."})
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        if (format == OutputFormat.sarif) {
            return inv.usage("validate has no --format sarif: policy findings come from plan, show PLANFILE and drift");
        }
        Outcome<Workspace> opened = inv.openOutcome(false);
        Outcome<DependencyGraph> o = opened.ok() ? opened.result().operations().validate(variables.inputs())
                : opened.otherwise();
        if (format == OutputFormat.json) {
            inv.out().println(DiagnosticPrinter.validationJson(o.ok(), o.diagnostics()));
            inv.out().flush();
            return ExitCode.of(o, false).code();
        }
        int code = inv.finish(o);
        if (o.ok()) {
            inv.out().println(inv.style().green("Success!") + " The configuration is valid.");
            inv.out().flush();
        }
        return code;
    }
}
