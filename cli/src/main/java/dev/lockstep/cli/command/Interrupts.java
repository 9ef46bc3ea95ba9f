package dev.lockstep.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT or SIGTERM during an apply: the first one stops new operations (in-flight calls finish
 * and the state is saved), the second exits at once (128 + the signal's number), leaving the last
 * journaled state intact. SIGTERM is what CI systems send when a job is cancelled and what
 * Kubernetes sends to a CronJob's pod, so it gets the same graceful handling as Ctrl-C.
 *
 * <p>A process started with SIGINT ignored (POSIX shells start the background jobs of a
 * non-interactive script so) cannot take it back: the JVM leaves an ignored SIGINT ignored. Then
 * SIGINT does nothing, and SIGTERM still stops the apply gracefully.
 */
final class Interrupts {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    /** The handlers replaced by {@link #install}, to put back by {@link #restore}. */
    private final List<Replaced> replaced;

    private record Replaced(Signal signal, SignalHandler previous) {
    }

    private Interrupts(List<Replaced> replaced) {
        this.replaced = replaced;
    }

    /**
     * Installs the handler on SIGINT and SIGTERM; {@code cancelled} becomes true on the first
     * signal. A signal the process ignores, or one this platform does not let Java handle, is left
     * as it is.
     */
    static Interrupts install(AtomicBoolean cancelled, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        SignalHandler handler = sig -> {
            String name = "SIG" + sig.getName();
            if (count.incrementAndGet() == 1) {
                cancelled.set(true);
                err.println();
                err.println("Interrupt received (" + name + "). Gracefully shutting down: no new operations will "
                        + "start; waiting for the ones in flight, then saving the state. Interrupt again (SIGINT or "
                        + "SIGTERM) to exit at once.");
                err.flush();
            } else {
                err.println("Two interrupts received (the second " + name + "). Exiting immediately; the state keeps "
                        + "every result recorded so far.");
                err.flush();
                Runtime.getRuntime().halt(128 + sig.getNumber());
            }
        };
        List<Replaced> replaced = new ArrayList<>();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                SignalHandler previous = Signal.handle(signal, handler);
                // an ignored SIGINT/SIGTERM stays ignored: the JVM does not install the handler
                if (previous != SignalHandler.SIG_IGN) {
                    replaced.add(new Replaced(signal, previous));
                }
            } catch (IllegalArgumentException e) {
                // not available to Java here (-Xrs, or a platform without it): the signal keeps its usual effect
            }
        }
        return new Interrupts(replaced);
    }

    /** Puts back the handlers {@link #install} replaced (the JVM's: run the shutdown hooks and exit). */
    void restore() {
        for (Replaced r : replaced) {
            Signal.handle(r.signal(), r.previous());
        }
    }

    /**
     * Whether this process was started with SIGINT ignored (Linux: bit 2 of {@code SigIgn} in
     * {@code /proc/self/status}); false where that cannot be told.
     */
    static boolean sigintIgnored() {
        return ignores(Path.of("/proc/self/status"), 2);
    }

    /** Whether the {@code SigIgn} mask of a {@code /proc/PID/status} file has {@code signal} set. */
    static boolean ignores(Path procStatus, int signal) {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or not readable: cannot tell
        }
        return false;
    }
}
