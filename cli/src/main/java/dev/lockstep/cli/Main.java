package dev.lockstep.cli;

import picocli.CommandLine;

/** Process entry point: runs the command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Lockstep.run(args));
    }
}
