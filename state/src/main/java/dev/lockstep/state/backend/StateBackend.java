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
     * The kept snapshots, newest first, and what was wrong with the ones that could not be listed
     * (each warning names its file).
     */
    record History(List<SnapshotInfo> entries, List<String> warnings) {

        public History {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
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

    /**
     * Starts a journal on top of {@code base}, the state as loaded. Refused, before anything is
     * written, when the journal could not be committed (such as a serial that cannot grow, see
     * {@link State#canAdvance}).
     */
    Journal journal(State base) throws StateException;

    /** The metadata of every kept snapshot, newest first; snapshots whose metadata is unreadable are left out. */
    List<SnapshotInfo> history() throws StateException;

    /**
     * The metadata of every kept snapshot, newest first, with a warning for each snapshot whose
     * metadata is unreadable (left out) and for anything else about the history a user should know.
     */
    default History historyWithWarnings() throws StateException {
        return new History(history(), List.of());
    }

    /** The state as it was at {@code serial}, if that snapshot is still kept. */
    Optional<State> snapshot(long serial) throws StateException;

    /**
     * Makes the snapshot at {@code serial} the latest state again, as a new version: its content
     * with a serial one above every version stored so far, its metadata recording
     * {@code restored_from}. History stays append-only: no version is overwritten or hidden. Results
     * of an interrupted command are stored as a version of their own first. The caller holds the
     * lock, as for any write.
     *
     * @param info the command and plan digest for the new version's metadata (null: {@code state restore})
     * @return the state as stored
     * @throws SnapshotNotFoundException when no snapshot with that serial is kept
     */
    default State restore(long serial, SnapshotInfo info) throws StateException {
        List<Long> kept = history().stream().map(SnapshotInfo::serial).sorted().toList();
        Optional<State> from = kept.contains(serial) ? snapshot(serial) : Optional.empty();
        if (from.isEmpty()) {
            throw new SnapshotNotFoundException(serial, kept);
        }
        Loaded loaded = load();
        State current = loaded.state();
        if (loaded.recovered()) {
            persist(current, new SnapshotInfo(current.serial(), null, null, "recover", null, null, null));
        }
        long top = Math.max(current.serial(), kept.get(kept.size() - 1));
        if (top == Long.MAX_VALUE) {
            throw new SerialExhaustedException(top, "this backend");
        }
        State next = from.get().withSerial(top + 1);
        SnapshotInfo base = info != null ? info : new SnapshotInfo(0, null, null, "state restore", null, null, null);
        persist(next, base.withRestoredFrom(serial));
        return next;
    }

    /**
     * Rewrites the current version and every kept snapshot sealed with this backend's encryption
     * primary (opening each with the primary or the fallback), so that the previous key can be
     * retired: their content, serials and metadata do not change. Refused while results of an
     * interrupted command are unsaved. The caller holds the lock.
     *
     * @return the serials rewritten, newest first
     */
    default List<Long> reencrypt() throws StateException {
        throw new StateException("this state backend cannot re-encrypt its history");
    }

    Locker locker();
}
