package dev.lockstep.state.remote;

import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lock of a shared state, kept in one {@link LeaseStore} record (a Kubernetes Lease, an S3 lock
 * object). Taking it creates the record, or replaces an expired one, by compare-and-swap, so exactly
 * one contender wins; the holder renews it every third of its duration; a holder that dies stops
 * renewing and loses the lock once {@code renewed + duration} has passed, so a killed runner never
 * blocks later runs for longer than the duration. Release deletes the record only if it is still the
 * holder's. The expiry is judged by the contender's clock against the renewal time written by the
 * holder's, so clocks must agree to well within the duration (NTP does).
 */
public final class LeaseLocker implements Locker {

    private static final System.Logger LOG = System.getLogger("dev.lockstep.state");

    private final LeaseStore store;
    private final String where;
    private final String path;
    private final String version;
    private final Duration duration;
    private final Clock clock;

    /**
     * @param store where the lock record lives
     * @param where the store, for messages
     * @param path the configuration directory recorded in the lock info
     * @param version this lockstep's version, recorded in the lock info
     * @param duration how long the lock lasts without renewal
     */
    public LeaseLocker(LeaseStore store, String where, String path, String version, Duration duration, Clock clock) {
        this.store = store;
        this.where = where;
        this.path = path;
        this.version = version;
        this.duration = duration;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Lock acquire(String operation, Duration timeout) throws StateException {
        return acquire(operation, null, timeout);
    }

    @Override
    public Lock acquire(String operation, String planDigest, Duration timeout) throws StateException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 25;
        String id = UUID.randomUUID().toString();
        while (true) {
            Instant now = now();
            LockInfo info = new LockInfo(id, Identity.userAtHost(), operation, now, path, version,
                    ProcessHandle.current().pid(), now.plus(duration), planDigest);
            LeaseRecord mine = new LeaseRecord(info, duration, now, now, null);
            Optional<LeaseRecord> current = store.read();
            try {
                if (current.isEmpty()) {
                    return new Held(mine.withVersion(store.write(mine, null)));
                }
                if (expired(current.get(), now)) {
                    LOG.log(System.Logger.Level.WARNING, "taking over the state lock of " + current.get().info().describe()
                            + ": it expired at " + current.get().expires() + " without being renewed");
                    return new Held(mine.withVersion(store.write(mine, current.get().version())));
                }
            } catch (ConflictException e) {
                continue; // another contender changed the record between our read and write: look again
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StateLockedException(current.get().info());
            }
            long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            sleep(Math.min(backoff + jitter, Math.max(1, left / 1_000_000)));
            backoff = Math.min(backoff * 2, 1000);
        }
    }

    private static boolean expired(LeaseRecord r, Instant now) {
        return now.isAfter(r.expires());
    }

    @Override
    public Optional<LockInfo> current() throws StateException {
        Optional<LeaseRecord> r = store.read();
        if (r.isEmpty() || expired(r.get(), now())) {
            return Optional.empty();
        }
        return Optional.of(r.get().info());
    }

    @Override
    public void forceUnlock(String id) throws StateException {
        Optional<LeaseRecord> r = store.read();
        if (r.isEmpty()) {
            throw new StateException("the state in " + where + " is not locked; nothing to unlock");
        }
        if (!r.get().info().id().equals(id)) {
            throw new StateException("the lock of the state in " + where + " has id " + r.get().info().id() + ", not "
                    + id + " (held by " + r.get().info().describe() + ")");
        }
        store.delete(r.get().version());
    }

    private static void sleep(long ms) throws StateException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the state lock", e);
        }
    }

    /** A held lock: renewed in the background every third of the duration until closed. */
    private final class Held implements Lock {

        private final Thread renewer;
        private volatile LeaseRecord record;
        private volatile boolean closed;

        Held(LeaseRecord record) {
            this.record = record;
            this.renewer = new Thread(this::renewLoop, "lockstep-lease-renewal");
            renewer.setDaemon(true);
            renewer.start();
        }

        @Override
        public LockInfo info() {
            return record.info();
        }

        private void renewLoop() {
            long every = Math.max(50, duration.toMillis() / 3);
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    renew();
                }
            }
        }

        private void renew() {
            Instant now = now();
            LockInfo renewed = record.info().renewedUntil(now.plus(duration));
            LeaseRecord next = new LeaseRecord(renewed, duration, record.acquired(), now, null);
            try {
                record = next.withVersion(store.write(next, record.version()));
            } catch (ConflictException e) {
                LOG.log(System.Logger.Level.ERROR, "lost the state lock in " + where + ": it was taken over after "
                        + "renewals failed; the state's compare-and-swap still refuses any write based on a stale read");
                closed = true;
            } catch (StateException e) {
                LOG.log(System.Logger.Level.WARNING, "could not renew the state lock in " + where + " (" + e.getMessage()
                        + "); retrying, it expires at " + record.expires());
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            renewer.interrupt();
            try {
                store.delete(record.version());
            } catch (StateException e) {
                LOG.log(System.Logger.Level.WARNING, "could not release the state lock in " + where + " ("
                        + e.getMessage() + "); it expires at " + record.expires());
            }
        }
    }
}
