package dev.lockstep.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --lock-timeout}: how long to wait for the state lock (default: do not wait). */
public final class LockOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "Wait up to this long for the state lock, such as 30s or 2m (default 0s: fail at once).")
    String lockTimeout = "0s";

    Duration timeout() {
        return Durations.parse(lockTimeout, "--lock-timeout");
    }
}
