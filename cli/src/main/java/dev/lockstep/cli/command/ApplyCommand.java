package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep apply [PLANFILE]}: makes the live systems match the configuration, or applies a saved plan. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply the changes: plan, confirm, then change the live systems and save the state.",
            "With PLANFILE, apply exactly that saved plan; it is refused (exit 5) if the state, the configuration, "
                + "a live object or the file itself changed since it was made."})
public final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with `lockstep plan -o`.")
    Path planFile;

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
        return ApplyFlow.run(new Invocation(root, spec), "apply", variables, flags, lock, false, autoApprove, planFile);
    }
}
