package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.StateOperations;
import dev.lockstep.planner.ops.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state mv SRC DST}: rename an instance in the state (after renaming it in the configuration). */
@Command(name = "mv", mixinStandardHelpOptions = true,
        description = {"Move an instance to another address, after renaming it in the configuration.",
            "An address without an instance key moves every instance of that resource, keys kept."})
final class StateMvCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<StateOperations.Edited> o = ws.state().move(source, destination, lock.timeout());
        if (o.ok()) {
            o.result().changes().forEach(c -> inv.out().println("Moved " + c));
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
