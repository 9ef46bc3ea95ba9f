package dev.lockstep.state.remote;

import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.Identity;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.SerialExhaustedException;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.journal.Recovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A state shared through a {@link RemoteStore} (a Kubernetes namespace, an S3 bucket). A version is
 * written as new immutable blobs (its metadata, then the compressed state in chunks under the
 * store's size limit), then made current by one compare-and-swap of the pointer record, which also
 * lists the kept versions. A reader follows the pointer, so it never sees a torn or mixed state; a
 * writer that dies at any point leaves the previous version current, and its unreferenced blobs are
 * removed by the next write. The newest {@code retention} versions are kept as history; older ones
 * are deleted after each write. During an apply, per-resource results go to journal blobs
 * ({@link RemoteJournal}), recovered by the next {@link #load} exactly as the local journal is.
 * See docs/state.md.
 */
public final class RemoteBackend implements StateBackend {

    private static final System.Logger LOG = System.getLogger("dev.lockstep.state");

    /**
     * Settings of a shared backend.
     *
     * @param retention how many versions to keep (at least 1)
     * @param lockDuration how long the lock lasts without renewal
     * @param path the configuration directory, recorded in lock info
     * @param lockstepVersion recorded in state files, metadata and lock info
     */
    public record Options(int retention, Duration lockDuration, String path, String lockstepVersion,
            Encryption encryption) {

        /** The default retention of shared backends (their storage is a cluster's etcd or a bucket). */
        public static final int DEFAULT_RETENTION = 20;
        /** The default lock duration. */
        public static final Duration DEFAULT_LOCK_DURATION = Duration.ofSeconds(30);

        public Options {
            encryption = encryption == null ? Encryption.NONE : encryption;
        }

        public static Options defaults(String path) {
            return new Options(DEFAULT_RETENTION, DEFAULT_LOCK_DURATION, path, BuildVersion.get(), Encryption.NONE);
        }

        public Options withRetention(int r) {
            return new Options(r, lockDuration, path, lockstepVersion, encryption);
        }

        public Options withLockDuration(Duration d) {
            return new Options(retention, d, path, lockstepVersion, encryption);
        }

        /** Versions and journal entries sealed with {@code e} (docs/encryption.md). */
        public Options withEncryption(Encryption e) {
            return new Options(retention, lockDuration, path, lockstepVersion, e);
        }
    }

    private final RemoteStore store;
    private final Options options;
    private final StateCodec codec;
    private final LeaseLocker locker;
    private final VersionBlobs blobs;
    private RemoteJournal openJournal;
    /** The journal entries the last load recovered (so persist may retire them), or -1. */
    private int journalSeenAtLoad = -1;

    public RemoteBackend(RemoteStore store, Options options) {
        this(store, options, Clock.systemUTC());
    }

    RemoteBackend(RemoteStore store, Options options, Clock clock) {
        this.store = store;
        this.options = options;
        this.codec = new StateCodec(options.lockstepVersion()).withEncryption(options.encryption());
        this.blobs = new VersionBlobs(store, codec);
        this.locker = new LeaseLocker(store.lease(), store.describe(), options.path(), options.lockstepVersion(),
                options.lockDuration(), clock);
    }

    /** How versions and journal entries are encrypted. */
    Encryption encryption() {
        return codec.encryption();
    }

    /** The store, for messages and for tests. */
    public RemoteStore store() {
        return store;
    }

    @Override
    public synchronized Loaded load() throws StateException {
        State stored = readCurrent();
        String prefix = stored == null ? "journal." : RemoteJournal.prefix(stored.lineage(), stored.serial());
        byte[] journal = RemoteJournal.collect(store, prefix, stored == null ? 0 : -1);
        Loaded loaded = Recovery.recover(stored, journal, "the journal in " + store.describe(), codec.encryption());
        journalSeenAtLoad = loaded.recovered() ? journal.length : -1;
        return loaded;
    }

    /**
     * The current version, or null before the first write. A reader holds no lock, so a writer may
     * replace the version it is reading and prune it; a missing part then means reading the new
     * pointer again, which only a pointer that did not move turns into an error.
     */
    private State readCurrent() throws StateException {
        for (int attempt = 0; ; attempt++) {
            Optional<Pointer> p = Pointer.read(store);
            if (p.isEmpty()) {
                return null;
            }
            try {
                return blobs.read(p.get().current(), "the current state");
            } catch (VersionBlobs.MissingPartException e) {
                Optional<Pointer> again = Pointer.read(store);
                if (attempt >= 5 || again.isEmpty() || again.get().version().equals(p.get().version())) {
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void persist(State state, SnapshotInfo info) throws StateException {
        if (openJournal != null) {
            throw new StateException("refusing to persist while a journal is open on " + store.describe()
                    + ": commit or close it");
        }
        Optional<Pointer> p = Pointer.read(store);
        refuseIfJournalUnseen(state, p);
        write(state, info, p);
        journalSeenAtLoad = -1;
    }

    private void refuseIfJournalUnseen(State state, Optional<Pointer> p) throws StateException {
        long stored = p.map(Pointer::serial).orElse(0L);
        byte[] journal = RemoteJournal.collect(store, RemoteJournal.prefix(state.lineage(), stored), -1);
        if (journal == null || journal.length <= journalSeenAtLoad) {
            return;
        }
        int unrecovered = Recovery.unrecovered(journal, "the journal in " + store.describe(), state.lineage(), stored,
                codec.encryption());
        if (unrecovered > 0) {
            throw new StateException("the journal in " + store.describe() + " holds " + unrecovered + " results of an "
                    + "interrupted command that this state was not loaded with; load the state again (it recovers "
                    + "them) and retry");
        }
    }

    /** Writes a new version after checking it against the pointer read as {@code p}; used by persist and commit. */
    synchronized void write(State state, SnapshotInfo info, Optional<Pointer> p) throws StateException {
        if (state.serial() < 1) {
            throw new StateException("refusing to persist serial " + state.serial() + ": stored serials start at 1");
        }
        if (p.isPresent()) {
            Pointer cur = p.get();
            if (cur.stateFormat() > StateCodec.CURRENT_VERSION) {
                throw new StateException("refusing to overwrite the state in " + store.describe() + ": it has format "
                        + "version " + cur.stateFormat() + ", written by a newer lockstep");
            }
            if (!cur.lineage().equals(state.lineage())) {
                throw new StateException("refusing to write a state of lineage " + state.lineage() + " into "
                        + store.describe() + ", which holds lineage " + cur.lineage() + ": they are different states");
            }
            if (state.serial() <= cur.serial()) {
                throw new StateException("refusing to write serial " + state.serial() + " into " + store.describe()
                        + ", which already has serial " + cur.serial()
                        + ": the state changed since this command read it; run the command again");
            }
        }
        VersionRef ref = blobs.write(state, complete(info, state.serial()));
        List<VersionRef> history = new ArrayList<>();
        history.add(ref);
        p.ifPresent(cur -> history.addAll(cur.history()));
        List<VersionRef> kept = history.subList(0, Math.min(history.size(), options.retention()));
        Pointer next = new Pointer(state.lineage(), state.serial(), StateCodec.CURRENT_VERSION, List.copyOf(kept), null);
        try {
            store.writePointer(next.fields(), p.map(Pointer::version).orElse(null));
        } catch (ConflictException e) {
            blobs.deleteQuietly(ref);
            throw new StateException("the state in " + store.describe() + " changed while serial " + state.serial()
                    + " was being written (another writer without the lock?); nothing was changed, run the command again", e);
        }
        collectGarbage(next);
    }

    /**
     * Deletes what no kept version references: versions beyond the retention, the blobs of writers
     * that died before their compare-and-swap, and journals of committed versions. Best effort:
     * whatever fails is retried by the next write. Writers hold the lock, so no other write is in flight.
     */
    private void collectGarbage(Pointer current) {
        try {
            java.util.Set<String> keep = new java.util.HashSet<>();
            current.history().forEach(r -> keep.add(r.metaName()));
            for (Map.Entry<String, byte[]> meta : store.listBlobs("meta.").entrySet()) {
                if (!keep.contains(meta.getKey())) {
                    blobs.delete(meta.getKey(), meta.getValue());
                }
            }
            for (String j : store.listBlobs("journal.").keySet()) {
                if (!j.startsWith(RemoteJournal.prefix(current.lineage(), current.serial()))) {
                    store.deleteBlob(j);
                }
            }
        } catch (StateException e) {
            LOG.log(System.Logger.Level.WARNING, "cleaning up " + store.describe() + ": " + e.getMessage()
                    + "; the next write retries");
        }
    }

    private SnapshotInfo complete(SnapshotInfo i, long serial) {
        SnapshotInfo in = i == null ? new SnapshotInfo(0, null, null, null, null, null, null) : i;
        return new SnapshotInfo(serial, in.time() != null ? in.time() : Instant.now(),
                in.user() != null ? in.user() : Identity.userAtHost(), in.command() != null ? in.command() : "unknown",
                in.planDigest(), in.gitCommit(), in.version() != null ? in.version() : options.lockstepVersion(),
                in.restoredFrom());
    }

    @Override
    public synchronized Journal journal(State base) throws StateException {
        if (openJournal != null) {
            throw new StateException("a journal is already open on " + store.describe() + ": commit or close it first");
        }
        if (!base.canAdvance()) {
            throw new SerialExhaustedException(base.serial(), store.describe());
        }
        Optional<Pointer> p = Pointer.read(store);
        long stored = p.map(Pointer::serial).orElse(0L);
        if (p.isPresent() && !p.get().lineage().equals(base.lineage())) {
            throw new StateException("cannot start a journal on a state of lineage " + base.lineage() + ": "
                    + store.describe() + " holds lineage " + p.get().lineage());
        }
        String where = "the journal in " + store.describe();
        int unrecovered = Recovery.unrecovered(RemoteJournal.collect(store, RemoteJournal.prefix(base.lineage(), stored),
                -1), where, base.lineage(), stored, codec.encryption());
        if (base.serial() == stored + 1 && unrecovered > 0) {
            write(base, new SnapshotInfo(0, null, null, "recover", null, null, null), p);
        } else if (base.serial() != stored) {
            throw new StateException("cannot start a journal on serial " + base.serial() + ": the stored state has serial "
                    + stored + "; load the state again");
        } else if (unrecovered > 0) {
            throw new StateException(where + " holds " + unrecovered + " results of an interrupted command that are not "
                    + "in this state; load the state again to recover them");
        }
        journalSeenAtLoad = -1;
        openJournal = RemoteJournal.start(this, store, base);
        return openJournal;
    }

    /** Called by a journal when it is closed or committed. */
    synchronized void journalEnded(RemoteJournal j) {
        if (openJournal == j) {
            openJournal = null;
        }
    }

    /** Commits a journal's state: written against the pointer as it is now. */
    synchronized void commit(State state, SnapshotInfo info) throws StateException {
        write(state, info, Pointer.read(store));
    }

    @Override
    public synchronized List<SnapshotInfo> history() throws StateException {
        History h = historyWithWarnings();
        h.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        return h.entries();
    }

    @Override
    public synchronized History historyWithWarnings() throws StateException {
        Optional<Pointer> p = Pointer.read(store);
        if (p.isEmpty()) {
            return new History(List.of(), List.of());
        }
        Map<String, byte[]> metas = store.listBlobs("meta.");
        List<SnapshotInfo> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (VersionRef r : p.get().history()) {
            byte[] m = metas.get(r.metaName());
            if (m == null) {
                warnings.add("the metadata of serial " + r.serial() + " (" + r.metaName() + ") is missing in "
                        + store.describe() + "; left out");
                continue;
            }
            try {
                entries.add(MetaBlob.decode(m));
            } catch (dev.lockstep.state.codec.SnapshotMeta.Unreadable e) {
                warnings.add("skipped " + r.metaName() + " in " + store.describe() + ": " + e.getMessage());
            }
        }
        return new History(entries, warnings);
    }

    @Override
    public synchronized Optional<State> snapshot(long serial) throws StateException {
        Optional<Pointer> p = Pointer.read(store);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        for (VersionRef r : p.get().history()) {
            if (r.serial() == serial) {
                return Optional.of(blobs.read(r, "the snapshot"));
            }
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every kept version is written again as new blobs (a new nonce), then the pointer is
     * switched to them by one compare-and-swap and the old blobs are deleted: a reader sees either
     * all old or all new versions, and a crash part-way leaves the old ones current.
     */
    @Override
    public synchronized List<Long> reencrypt() throws StateException {
        if (openJournal != null) {
            throw new StateException("refusing to re-encrypt while a journal is open on " + store.describe());
        }
        Loaded loaded = load();
        if (loaded.recovered()) {
            throw new StateException("the journal in " + store.describe() + " holds results of an interrupted command; run "
                    + "any command that writes the state (they are saved), then re-encrypt");
        }
        Optional<Pointer> p = Pointer.read(store);
        if (p.isEmpty()) {
            return List.of();
        }
        Map<String, byte[]> metas = store.listBlobs("meta.");
        List<VersionRef> rewritten = new ArrayList<>();
        for (VersionRef old : p.get().history()) {
            State s = blobs.read(old, "the snapshot");
            byte[] meta = metas.get(old.metaName());
            SnapshotInfo info;
            try {
                info = meta == null ? complete(null, old.serial()) : MetaBlob.decode(meta);
            } catch (dev.lockstep.state.codec.SnapshotMeta.Unreadable e) {
                info = complete(null, old.serial());
            }
            VersionRef ref = blobs.write(s, info);
            rewritten.add(ref);
        }
        Pointer next = new Pointer(p.get().lineage(), p.get().serial(), StateCodec.CURRENT_VERSION,
                List.copyOf(rewritten), null);
        try {
            store.writePointer(next.fields(), p.get().version());
        } catch (ConflictException e) {
            rewritten.forEach(blobs::deleteQuietly);
            throw new StateException("the state in " + store.describe() + " changed while it was being re-encrypted; "
                    + "nothing was changed, run the command again", e);
        }
        collectGarbage(next);
        return rewritten.stream().map(VersionRef::serial).toList();
    }

    @Override
    public Locker locker() {
        return locker;
    }
}
