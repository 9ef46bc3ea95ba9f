package dev.lockstep.cli;


/** Process entry point: runs the command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        dev.lockstep.cli.log.JulBridge.install();
        System.exit(Lockstep.run(args));
    }
}
