package dev.lockstep.cli.command;

import dev.lockstep.cli.ExitCode;
import dev.lockstep.planner.ops.Outcome;
import dev.lockstep.planner.ops.StateMigration;
import dev.lockstep.planner.ops.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state migrate}: copy the state and its history into the backend the configuration names now. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy the state and its kept history from where it was to the backend the configuration "
                + "names now (Terraform's `init -migrate-state`).",
            "Both locks are held while copying. Every kept version is copied, oldest first, with who wrote it and "
                + "when. The source is left as it was. A target that holds another state (another lineage) is refused; "
                + "one that holds this state already is brought up to date."})
final class StateMigrateCommand implements Callable<Integer> {

    @ParentCommand
    StateCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE",
            description = "A file with the lockstep { backend ... } block of where the state is now (relative to the "
                + "configuration directory). Default: the local .lockstep directory.")
    Path from;

    @Mixin
    LockOptions lock;

    @Override
    public Integer call() {
        Invocation inv = new Invocation(parent.root, spec);
        Workspace ws = inv.open();
        if (ws == null) {
            return ExitCode.ERROR.code();
        }
        Outcome<StateMigration.Migrated> o = ws.state().migrate(from, lock.timeout());
        if (o.ok()) {
            StateMigration.Migrated m = o.result();
            inv.out().println(m.copied().isEmpty()
                    ? "The state in " + m.to() + " is up to date with " + m.from() + " (serial " + m.serial() + ")."
                    : "Copied " + m.copied().size() + " version" + (m.copied().size() == 1 ? "" : "s") + " (serials "
                            + m.copied().get(0) + " to " + m.copied().get(m.copied().size() - 1) + ") from " + m.from()
                            + " to " + m.to() + ". " + m.from() + " was left as it was; remove it once you have checked "
                            + "`lockstep state list`.");
            inv.out().flush();
        }
        return inv.finish(o);
    }
}
