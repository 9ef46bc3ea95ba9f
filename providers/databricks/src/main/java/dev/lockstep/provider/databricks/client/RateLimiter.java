package dev.lockstep.provider.databricks.client;

import java.time.Duration;

/**
 * A client-side request rate limit shared by every thread of one provider: requests are spaced
 * {@code 1/rate} seconds apart (a leaky bucket without burst), so any one-second window holds at
 * most {@code rate + 1} requests. A 429 answer pauses everyone until its Retry-After has passed.
 */
public final class RateLimiter {

    private final Sleeper sleeper;
    private final long intervalNanos;
    private long nextFree;

    public RateLimiter(double perSecond, Sleeper sleeper) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.sleeper = sleeper;
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.nextFree = sleeper.nanoTime();
    }

    /** Waits for this caller's slot. */
    public void acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = sleeper.nanoTime();
            slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
        }
        long wait = slot - sleeper.nanoTime();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** No request is let through before {@code d} from now (the server asked everyone to wait). */
    public synchronized void pause(Duration d) {
        nextFree = Math.max(nextFree, sleeper.nanoTime() + d.toNanos());
    }
}
