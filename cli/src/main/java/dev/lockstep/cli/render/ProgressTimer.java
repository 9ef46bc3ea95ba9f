package dev.lockstep.cli.render;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the timer behind {@link ApplyProgress}'s "Still creating..." lines: the system's
 * in the command, a hand-advanced one in tests, so that a test proves the lines without waiting.
 */
public interface ProgressTimer {

    /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} every {@code period}, the first time one period from now, until the result is closed. */
    Repeating every(Duration period, Runnable task);

    /** A task {@link #every} runs; closing it stops it. */
    interface Repeating extends AutoCloseable {
        @Override
        void close();
    }

    /** The system clock, and one daemon thread shared by every apply in the process. */
    static ProgressTimer system() {
        return SystemTimer.INSTANCE;
    }

    /** {@link ProgressTimer#system()}: its thread starts the first time a task is scheduled. */
    final class SystemTimer implements ProgressTimer {

        private static final SystemTimer INSTANCE = new SystemTimer();

        private SystemTimer() {
        }

        /** Created on first use, so that commands that never wait start no thread. */
        private static final class Threads {
            static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lockstep-progress");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Repeating every(Duration period, Runnable task) {
            ScheduledFuture<?> f = Threads.EXECUTOR.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(),
                    TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
    }
}
