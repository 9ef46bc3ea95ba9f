package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state reencrypt}: rewrite the state and its history with the current encryption key. */
@Command(name = "reencrypt", mixinStandardHelpOptions = true,
        description = {"Rewrite the current state and every kept snapshot with the encryption block's state method.",
            "Run it after rotating a key (the old key provider as the fallback), then remove the fallback: every "
                + "version then opens with the new key alone. Contents, serials and history do not change."})
final class StateReencryptCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<List<Long>> o = ws.state().reencrypt(lock.timeout());
        if (o.ok()) {
            inv.out().println(o.result().isEmpty() ? "There is no state to re-encrypt yet."
                    : "Re-encrypted " + o.result().size() + " version" + (o.result().size() == 1 ? "" : "s")
                            + " (serials " + o.result().get(o.result().size() - 1) + " to " + o.result().get(0) + ").");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
