package dev.lockstep.state.backend;

import java.time.Duration;
import java.util.Optional;

/** Mutual exclusion between lockstep processes working on one state. */
public interface Locker {

    /**
     * Takes the lock, waiting up to {@code timeout} with backoff (zero: one attempt). Throws
     * {@link StateLockedException} naming the holder when it cannot.
     *
     * @param operation the command taking the lock, recorded in the holder info
     */
    Lock acquire(String operation, Duration timeout) throws StateException;

    /**
     * Takes the lock for applying the saved plan with digest {@code planDigest} (recorded in the
     * holder info, so that others see which plan is being applied; null for none).
     */
    default Lock acquire(String operation, String planDigest, Duration timeout) throws StateException {
        return acquire(operation, timeout);
    }

    /** The current holder, if the state is locked. */
    Optional<LockInfo> current() throws StateException;

    /**
     * Removes a lock left behind, given its exact id; throws if the id does not match the current
     * lock (or there is none).
     */
    void forceUnlock(String id) throws StateException;
}
