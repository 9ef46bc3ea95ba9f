package dev.lockstep.state.remote;

import dev.lockstep.state.backend.LockInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * A lock record as stored: the holder's {@link LockInfo} (its id is the Lease's
 * {@code holderIdentity}), how long the lock lasts without renewal, when it was taken and last
 * renewed, and the store's version of the record (null for a record not yet written).
 */
public record LeaseRecord(LockInfo info, Duration duration, Instant acquired, Instant renewed, String version) {

    /** When the lock lapses unless renewed: {@code renewed + duration}. */
    public Instant expires() {
        return renewed.plus(duration);
    }

    /** The same record with the store's version. */
    public LeaseRecord withVersion(String v) {
        return new LeaseRecord(info, duration, acquired, renewed, v);
    }
}
