package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep policy ...}: the policies plans are checked against. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "The policies every plan, apply and drift is checked against (docs/policies.md).",
        subcommands = {PolicyListCommand.class})
public final class PolicyCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
