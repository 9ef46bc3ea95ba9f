package dev.lockstep.provider.databricks.client;

import java.time.Duration;

/**
 * Time as the client sees it: a monotonic clock and a way to wait. Every wait of the provider
 * (rate limiting, retry backoff, eventual consistency, cluster state polling) goes through one,
 * so tests can scale waits down or record them.
 */
public interface Sleeper {

    /** Real time. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            long ms = d.toMillis();
            int ns = (int) (d.toNanos() % 1_000_000);
            if (ms > 0 || ns > 0) {
                Thread.sleep(ms, ns);
            }
        }
    };

    long nanoTime();

    void sleep(Duration d) throws InterruptedException;

    /** Sleeps, turning an interrupt into an unchecked exception with the interrupt flag kept. */
    default void sleepUninterruptibly(Duration d) {
        try {
            sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
