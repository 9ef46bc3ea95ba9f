package dev.lockstep.state.remote;

import dev.lockstep.state.backend.StateException;
import java.util.Optional;

/**
 * The one lock record of a shared state, written by compare-and-swap: a
 * {@code coordination.k8s.io/v1} Lease, or an S3 lock object created with {@code If-None-Match}
 * and replaced with {@code If-Match}. Expiry, renewal and takeover are decided by
 * {@link LeaseLocker}; a store only reads and writes the record faithfully.
 */
public interface LeaseStore {

    /** The lock record, empty when there is none (never locked, or released). */
    Optional<LeaseRecord> read() throws StateException;

    /**
     * Creates the record when {@code expectedVersion} is null (throws {@link ConflictException}
     * if one exists), or replaces it if it is still at {@code expectedVersion} (throws
     * {@link ConflictException} if it changed or is gone). Returns the new version.
     */
    String write(LeaseRecord lease, String expectedVersion) throws StateException;

    /**
     * Deletes the record if it is still at {@code expectedVersion}; throws {@link ConflictException}
     * if it changed; a record that is already gone is not an error.
     */
    void delete(String expectedVersion) throws StateException;
}
