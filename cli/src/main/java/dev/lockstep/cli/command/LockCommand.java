package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.state.backend.LockInfo;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep lock status}: who holds the state lock, if anyone. */
@Command(name = "lock", mixinStandardHelpOptions = true, description = "Inspect the state lock.",
        subcommands = LockCommand.Status.class)
public final class LockCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code lock status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show who holds the state lock.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        LockCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Invocation inv = new Invocation(parent.root, spec);
            Workspace ws = inv.open();
            if (ws == null) {
                return ExitCode.ERROR.code();
            }
            Outcome<Optional<LockInfo>> o = ws.state().lockHolder();
            if (o.ok()) {
                PrintWriter out = inv.out();
                if (o.result().isEmpty()) {
                    out.println("The state is not locked.");
                } else {
                    LockInfo i = o.result().get();
                    out.println("The state is locked.");
                    out.println("  ID:        " + i.id());
                    out.println("  Who:       " + i.who());
                    out.println("  Operation: " + i.operation());
                    if (i.planDigest() != null) {
                        out.println("  Plan:      " + i.planDigest());
                    }
                    out.println("  Created:   " + i.created());
                    out.println("  Expires:   " + i.expires() + " (renewed while the holder runs)");
                    out.println("  Path:      " + i.path());
                    out.println("  Version:   " + i.version());
                    out.println("  PID:       " + i.pid());
                }
                out.flush();
            }
            return inv.finish(o);
        }
    }
}
