package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.BodySchemas;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.PlanRequest;
import dev.lockstep.planner.ops.Planned;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.planner.plan.PlanOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep plan}: shows what an apply would change, optionally saving the plan for a later apply. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the changes that would make the live systems match the configuration.",
            "Exit 0 (no changes, or any plan without --detailed-exitcode), 1 error, 2 changes present with "
                + "--detailed-exitcode, 3 blocked by a mandatory policy (the plan is shown, not saved), 4 state locked."})
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    VariableOptions variables;

    @Mixin
    PlanFlags flags;

    @Mixin
    LockOptions lock;

    @Option(names = "--destroy", description = "Plan to destroy every managed object.")
    boolean destroy;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Save the plan to FILE (relative to the configuration directory, like every path "
            + "argument) for `lockstep apply FILE`.")
    Path out;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the policy findings to FILE as SARIF "
            + "2.1.0 (for GitHub code scanning), also when a mandatory policy blocks the plan.")
    Path sarif;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes.")
    boolean detailedExitcode;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, markdown or sarif "
            + "(the policy findings as SARIF 2.1.0).")
    OutputFormat format = OutputFormat.text;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        PlanOptions options = Args.planOptions(flags, destroy, inv.err());
        Workspace ws = options == null ? null : inv.open(flags.allowLockout);
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<Planned> o = ws.operations().plan(new PlanRequest(options, variables.inputs(), lock.timeout(), out));
        Planned p = o instanceof Outcome.Refused<Planned> refused ? refused.partial() : o.result();
        if (p != null) {
            PlanOutput.render(p.plan(), format, inv.style(), BodySchemas.of(ws.schemas()), inv.out(),
                    p.requestCounts(), root.dir());
            if (p.savedTo() != null && format == OutputFormat.text) {
                inv.out().println();
                inv.out().println("Saved the plan to: " + out);
                inv.out().println("To perform exactly these actions, run: lockstep apply " + out);
                inv.out().flush();
            }
            if (sarif != null && !PlanOutput.writeSarif(p.plan(), ws.resolve(sarif), root.dir(), inv)) {
                inv.finish(o);
                return ExitCode.ERROR.code();
            }
        }
        return inv.finish(o, detailedExitcode && o.ok() && o.result().plan().hasChanges());
    }
}
