package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep destroy}: deletes every object the state manages, in reverse dependency order. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Destroy every object lockstep manages for this configuration.")
public final class DestroyCommand implements Callable<Integer> {

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

    @Option(names = "--auto-approve", description = "Skip the interactive confirmation.")
    boolean autoApprove;

    @Override
    public Integer call() {
        return ApplyFlow.run(new Invocation(root, spec), "destroy", variables, flags, lock, true, autoApprove, null);
    }
}
