package dev.lockstep.state.backend;

import dev.lockstep.state.State;
import java.util.List;
import java.util.Optional;

/** Where a configuration's state lives: storage of versions and snapshots, plus its lock. */
public interface StateBackend {

    /** What {@link #load} found. */
    record Loaded(State state, boolean recovered, List<String> warnings) {
    }

    /**
     * The latest state, with any journal left by an interrupted command replayed on top (then
     * {@code recovered} is true and the serial is one more than the last persisted version, so
     * it never goes backwards); an empty state when none exists yet.
     */
    Loaded load() throws StateException;

    /**
     * Persists {@code state} as a new version with a snapshot. Its serial must be greater than
     * that of every version persisted before, and its lineage the same.
     */
    void persist(State state, SnapshotInfo info) throws StateException;

    /** Starts a journal on top of {@code base}, the state as loaded. */
    Journal journal(State base) throws StateException;

    /** The metadata of every kept snapshot, newest first. */
    List<SnapshotInfo> history() throws StateException;

    /** The state as it was at {@code serial}, if that snapshot is still kept. */
    Optional<State> snapshot(long serial) throws StateException;

    Locker locker();
}
