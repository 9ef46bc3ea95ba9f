package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.StateOperations;
import dev.lockstep.planner.ops.Workspace;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state rm ADDR...}: forget instances without touching the live objects. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Forget instances: they stay in the live systems, no longer managed.",
            "An address without an instance key names every instance of that resource."})
final class StateRmCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ADDR")
    List<String> addresses;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<StateOperations.Edited> o = ws.state().remove(addresses, lock.timeout());
        if (o.ok()) {
            o.result().changes().forEach(c -> inv.out().println("Removed " + c));
            inv.out().println("The live objects are untouched; lockstep no longer manages them.");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
