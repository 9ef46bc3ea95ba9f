package dev.lockstep.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --lock-timeout}: how long to wait for the state lock (default: do not wait). */
public final class LockOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s", converter = Durations.class,
            description = "Wait up to this long for the state lock, such as 30s, 5m or 1m30s; at most 24h "
                + "(default 0s: fail at once).")
    Duration lockTimeout = Duration.ZERO;

    Duration timeout() {
        return lockTimeout;
    }
}
