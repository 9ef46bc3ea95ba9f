package dev.lockstep.cli.command;

import dev.lockstep.cli.Lockstep;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockstep sandbox serve|reset|put-secret}: the loopback emulators as long-lived servers, and their data. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"The sandbox: loopback emulators of Kubernetes, Databricks, Vault and Secrets Manager whose "
            + "data lives in .lockstep/sandbox/ beside the configuration.",
            "Commands run with --sandbox use them; `sandbox serve` keeps them running so you can change things out "
                + "of band (curl, kubectl --raw) and watch `drift` find it."},
        subcommands = {SandboxServeCommand.class, SandboxResetCommand.class, SandboxPutSecretCommand.class})
public final class SandboxCommand implements Runnable {

    @ParentCommand
    Lockstep root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
