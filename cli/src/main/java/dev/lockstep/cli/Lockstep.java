package dev.lockstep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code lockstep} command: global options and the list of subcommands. */
@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Declarative reconciler for Kubernetes and Databricks, configured in HCL.")
public final class Lockstep implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs lockstep with the given arguments and returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new Lockstep()).execute(args);
    }
}
