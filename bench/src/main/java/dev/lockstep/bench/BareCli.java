package dev.lockstep.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The start-up yardstick: a picocli program that does nothing, run with the launcher's JVM options,
 * so that {@code lockstep --help} can be compared with the least any picocli command line costs.
 */
@Command(name = "bare", mixinStandardHelpOptions = true, version = "bare 1",
        description = "A picocli program that does nothing.")
public final class BareCli implements Runnable {

    @Override
    public void run() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BareCli()).execute(args));
    }
}
