package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.state.State;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state restore SERIAL}: make a kept version the latest again, as a new version. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Make a kept state version (see `state history`) the latest again.",
            "It is stored as a new version with a higher serial that records where it came from: no version is "
                + "overwritten or hidden. The live objects are not touched; plan next to see how they differ."})
final class StateRestoreCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERIAL", description = "The serial of the version to restore.")
    long serial;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<State> o = ws.state().restore(serial, lock.timeout());
        if (o.ok()) {
            inv.out().println("Restored serial " + serial + " as serial " + o.result().serial() + ". Run `lockstep "
                    + "plan` to see how the live objects differ from it.");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
