package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep force-unlock ID}: removes a lock left behind, given its exact id. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
        description = {"Remove a state lock left behind by a process that died.",
            "Needs the exact lock id (see `lockstep lock status`). Removing the lock of a live process lets two "
                + "processes change the state at once: check first."})
public final class ForceUnlockCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The lock id.")
    String id;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<String> o = ws.state().forceUnlock(id);
        if (o.ok()) {
            inv.out().println("The state lock " + id + " was removed.");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
