package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep state ...}: inspect and edit the recorded state. */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Inspect and edit the recorded state.",
        subcommands = {StateListCommand.class, StateShowCommand.class, StateHistoryCommand.class,
            StateRmCommand.class, StateMvCommand.class, StateRestoreCommand.class,
            StateMigrateCommand.class, StateReencryptCommand.class})
public final class StateCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
