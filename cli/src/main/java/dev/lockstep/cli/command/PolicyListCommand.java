package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.render.PolicyListRenderer;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.planner.policy.PolicyDefinitions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep policy list}: every built-in rule, custom policy and waiver, as this configuration has them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the built-in rules (id, enforcement, rationale, fix, parameters), the configuration's "
            + "custom policies and its waivers.", "Exit 0, or 1 when the policy or waiver blocks are wrong."})
public final class PolicyListCommand implements Callable<Integer> {

    @ParentCommand
    PolicyCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<PolicyDefinitions> o = ws.operations().policies(variables.inputs());
        if (o.ok()) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            if (format == OutputFormat.json) {
                inv.out().println(dev.lockstep.planner.planfile.PlanJson.toText(PolicyListRenderer.json(o.result(),
                        today)));
            } else {
                PolicyListRenderer.text(o.result(), today, inv.style(), inv.out());
            }
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
