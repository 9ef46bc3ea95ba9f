package dev.lockstep.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGINT during an apply: the first one stops new operations (in-flight calls finish and the
 * state is saved), the second exits at once, leaving the last journaled state intact.
 */
final class Interrupts {

    private Interrupts() {
    }

    /** Installs the handler; {@code cancelled} becomes true on the first interrupt. */
    static void install(AtomicBoolean cancelled, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        try {
            Signal.handle(new Signal("INT"), sig -> {
                if (count.incrementAndGet() == 1) {
                    cancelled.set(true);
                    err.println();
                    err.println("Interrupt received. Gracefully shutting down: no new operations will start; "
                            + "waiting for the ones in flight, then saving the state. Interrupt again to exit at once.");
                    err.flush();
                } else {
                    err.println("Two interrupts received. Exiting immediately; the state keeps every result "
                            + "recorded so far.");
                    err.flush();
                    Runtime.getRuntime().halt(130);
                }
            });
        } catch (IllegalArgumentException e) {
            // signals unavailable on this platform: Ctrl-C then ends the process as usual
        }
    }
}
