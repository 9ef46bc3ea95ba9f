package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import dev.lockstep.state.backend.StateException;
import java.io.PrintWriter;
import java.util.List;
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
        Workspace ws = Workspace.open(root);
        PrintWriter out = spec.commandLine().getOut();
        try {
            ws.backend().locker().forceUnlock(id);
            Audit.simple(ws, "force-unlock", List.of("lock " + id), "unlock", null);
            out.println("The state lock " + id + " was removed.");
            out.flush();
            return 0;
        } catch (StateException e) {
            return ws.stateError(e, spec.commandLine().getErr());
        }
    }
}
