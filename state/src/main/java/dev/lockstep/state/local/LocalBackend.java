package dev.lockstep.state.local;

import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.SerialExhaustedException;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.SnapshotNotFoundException;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.codec.StateHeader;
import dev.lockstep.state.crypto.Encryption;
import dev.lockstep.state.journal.Recovery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * State in {@code .lockstep/} beside the configuration: {@code state.json} (the latest version,
 * replaced atomically), {@code state.journal} (per-resource results of a running command),
 * {@code snapshots/} (every version with its metadata), and the lock ({@link LocalLocker}).
 * See {@code docs/state.md}. Writers are expected to hold the lock; this class also serializes
 * its own methods within one process.
 */
public final class LocalBackend implements StateBackend {

    static final System.Logger LOG = System.getLogger("dev.lockstep.state");

    /** The state file name. */
    public static final String STATE_FILE = "state.json";
    /** The journal file name. */
    public static final String JOURNAL_FILE = "state.journal";
    /** The snapshot directory name. */
    public static final String SNAPSHOT_DIR = "snapshots";

    /**
     * Settings of a local backend.
     *
     * @param retention how many snapshots to keep (at least 1)
     * @param lockTtl how long a lock holder's info stays valid without renewal
     * @param lockstepVersion recorded in state files, snapshots and lock info
     */
    public record Options(int retention, Duration lockTtl, String lockstepVersion, Encryption encryption) {

        public Options {
            encryption = encryption == null ? Encryption.NONE : encryption;
        }

        public Options(int retention, Duration lockTtl, String lockstepVersion) {
            this(retention, lockTtl, lockstepVersion, Encryption.NONE);
        }

        /** 100 snapshots, the default lock TTL, this build's version, no encryption. */
        public static Options defaults() {
            return new Options(100, LocalLocker.DEFAULT_TTL, BuildVersion.get());
        }

        public Options withRetention(int r) {
            return new Options(r, lockTtl, lockstepVersion, encryption);
        }

        public Options withLockTtl(Duration ttl) {
            return new Options(retention, ttl, lockstepVersion, encryption);
        }

        public Options withLockstepVersion(String v) {
            return new Options(retention, lockTtl, v, encryption);
        }

        /** State files, snapshots and journal entries sealed with {@code e} (docs/encryption.md). */
        public Options withEncryption(Encryption e) {
            return new Options(retention, lockTtl, lockstepVersion, e);
        }
    }

    private final Path dir;
    private final Path configDir;
    private final StateCodec codec;
    private final SnapshotStore snapshots;
    private final LocalLocker locker;
    private final VersionWriter writer;
    private LocalJournal openJournal;
    /** The journal length the last load recovered from, or -1 when it recovered nothing. */
    private long journalSeenAtLoad = -1;

    /** A backend in {@code lockstepDir} with the default options. */
    public LocalBackend(Path lockstepDir) {
        this(lockstepDir, Options.defaults());
    }

    public LocalBackend(Path lockstepDir, Options options) {
        this.dir = Objects.requireNonNull(lockstepDir, "lockstepDir");
        Path parent = lockstepDir.toAbsolutePath().normalize().getParent();
        this.configDir = parent == null ? lockstepDir.toAbsolutePath() : parent;
        this.codec = new StateCodec(options.lockstepVersion()).withEncryption(options.encryption());
        this.snapshots = new SnapshotStore(dir.resolve(SNAPSHOT_DIR), options.retention());
        this.writer = new VersionWriter(dir, configDir, codec, snapshots);
        this.locker = new LocalLocker(dir, configDir.toString(), options.lockstepVersion(), options.lockTtl());
    }

    /** How state files and journal entries are encrypted. */
    Encryption encryption() {
        return codec.encryption();
    }

    /** The {@code .lockstep} directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Snapshot metadata for a command; the serial, time, user, git commit and version are filled
     * in when the version is persisted.
     */
    public static SnapshotInfo info(String command, String planDigest) {
        return new SnapshotInfo(0, null, null, command, planDigest, null, null);
    }

    private Path stateFile() {
        return dir.resolve(STATE_FILE);
    }

    private Path journalFile() {
        return dir.resolve(JOURNAL_FILE);
    }

    @Override
    public synchronized Loaded load() throws StateException {
        State stored = readState();
        if (stored == null) {
            refuseIfOrphanedSnapshots();
        }
        byte[] journal = readIfExists(journalFile());
        Loaded loaded = Recovery.recover(stored, journal, journalFile().toString(), codec.encryption());
        journalSeenAtLoad = loaded.recovered() ? journal.length : -1;
        long newest = stored == null ? 0 : snapshots.newest();
        if (stored != null && newest > stored.serial()) {
            List<String> warnings = new java.util.ArrayList<>(loaded.warnings());
            warnings.add(SnapshotStore.replacedByHand(stateFile(), stored.serial(), newest));
            return new Loaded(loaded.state(), loaded.recovered(), warnings);
        }
        return loaded;
    }

    private State readState() throws StateException {
        byte[] data = readIfExists(stateFile());
        if (data == null) {
            return null;
        }
        try {
            return codec.decode(data, stateFile().toString());
        } catch (StateException e) {
            if (e.getMessage().startsWith("cannot ") || e.getCause() instanceof dev.lockstep.state.crypto.EncryptionException) {
                throw e;
            }
            throw new StateException(e.getMessage() + ". Earlier versions are kept in " + snapshots.dir()
                    + " (see `lockstep state history`).", e);
        }
    }

    private void refuseIfOrphanedSnapshots() throws StateException {
        List<Long> serials = serials();
        if (!serials.isEmpty()) {
            long last = serials.get(serials.size() - 1);
            throw new StateException(stateFile() + " is missing, but " + snapshots.dir() + " holds " + serials.size()
                    + " versions of a state up to serial " + last + ". Restore the latest with `lockstep state restore "
                    + last + "`, or move " + snapshots.dir() + " away to start a new state.");
        }
    }

    private List<Long> serials() throws StateException {
        try {
            return snapshots.serials();
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("list", snapshots.dir(), e), e);
        }
    }

    private static byte[] readIfExists(Path f) throws StateException {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("read", f, e), e);
        }
    }

    /** The header of the stored state: state.json, or the newest snapshot if state.json is missing. */
    private StateHeader storedHeader() throws StateException {
        Path f = stateFile();
        if (!Files.exists(f)) {
            long newest = snapshots.newest();
            if (newest == 0) {
                return null;
            }
            f = snapshots.stateFile(newest);
        }
        try (InputStream in = Files.newInputStream(f)) {
            return StateCodec.peekHeader(in, f.toString());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("read", f, e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refused while a journal of this backend is open (commit or close it first). A journal
     * file left by an interrupted command is removed afterwards: the state being persisted was
     * loaded with its entries recovered, so they are part of it.
     */
    @Override
    public synchronized void persist(State state, SnapshotInfo info) throws StateException {
        if (openJournal != null) {
            throw new StateException("refusing to persist while a journal is open on " + dir + ": commit or close it");
        }
        refuseIfJournalUnseen(state);
        write(state, info);
        journalSeenAtLoad = -1;
        try {
            FileOps.deleteDurably(journalFile());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, FileProblem.describe("remove", journalFile(), e)
                    + "; its entries are stale and will be ignored");
        }
    }

    /**
     * Refuses to write over results of an interrupted command that this backend's last
     * {@link #load} did not recover (the state being written cannot contain them; writing it
     * would retire the journal and lose them).
     */
    private void refuseIfJournalUnseen(State state) throws StateException {
        byte[] journal = readIfExists(journalFile());
        if (journal == null || journal.length <= journalSeenAtLoad) {
            return;
        }
        StateHeader h = storedHeader();
        int unrecovered = Recovery.unrecovered(journal, journalFile().toString(), state.lineage(), h == null ? 0 : h.serial(),
                codec.encryption());
        if (unrecovered > 0) {
            throw new StateException(journalFile() + " holds " + unrecovered + " results of an interrupted command "
                    + "that this state was not loaded with; load the state again (it recovers them) and retry");
        }
    }

    /** Writes a new version after checking it against the stored one; used by persist and commit. */
    synchronized void write(State state, SnapshotInfo info) throws StateException {
        if (state.serial() < 1) {
            throw new StateException("refusing to persist serial " + state.serial() + ": stored serials start at 1");
        }
        StateHeader h = storedHeader();
        settlePendingSnapshots(h);
        refuseIfReplacedByHand(h, state.serial());
        if (h != null) {
            if (h.version() > StateCodec.CURRENT_VERSION) {
                throw new StateException("refusing to overwrite " + stateFile() + ": it has format version "
                        + h.version() + ", written by a newer lockstep");
            }
            if (!h.lineage().equals(state.lineage())) {
                throw new StateException("refusing to write a state of lineage " + state.lineage() + " into " + dir
                        + ", which holds lineage " + h.lineage() + ": they are different states");
            }
            if (state.serial() <= h.serial()) {
                throw new StateException("refusing to write serial " + state.serial() + " into " + dir
                        + ", which already has serial " + h.serial()
                        + ": the state changed since this command read it; run the command again");
            }
        }
        writer.store(state, info);
    }

    /** Publishes the snapshot of the stored version if a crash left it pending; drops other pending ones. */
    private void settlePendingSnapshots(StateHeader h) throws StateException {
        if (h != null && Files.exists(stateFile())) {
            snapshots.settle(h.serial());
        }
    }

    /** See {@link SnapshotStore#refuseIfReplacedByHand}; only when {@code state.json} exists. */
    private void refuseIfReplacedByHand(StateHeader h, long next) throws StateException {
        if (h != null && Files.exists(stateFile())) {
            snapshots.refuseIfReplacedByHand(stateFile(), h.serial(), next);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>When {@code base} is the state {@link #load} recovered from an interrupted command's
     * journal (serial one above the stored one), it is persisted first (snapshot command
     * {@code recover}), so that the new journal starts from a stored version. One journal at a
     * time per backend.
     */
    @Override
    public synchronized Journal journal(State base) throws StateException {
        if (openJournal != null) {
            throw new StateException("a journal is already open on " + dir + ": commit or close it first");
        }
        StateHeader h = storedHeader();
        long stored = h == null ? 0 : h.serial();
        if (!base.canAdvance()) {
            throw new SerialExhaustedException(base.serial(), dir.toString());
        }
        refuseIfReplacedByHand(h, Math.max(stored, base.serial()) + 1);
        if (h != null && !h.lineage().equals(base.lineage())) {
            throw new StateException("cannot start a journal on a state of lineage " + base.lineage() + ": " + dir
                    + " holds lineage " + h.lineage());
        }
        Path jf = journalFile();
        int unrecovered = Recovery.unrecovered(readIfExists(jf), jf.toString(), base.lineage(), stored, codec.encryption());
        if (base.serial() == stored + 1 && unrecovered > 0) {
            write(base, info("recover", null));
        } else if (base.serial() != stored) {
            throw new StateException("cannot start a journal on serial " + base.serial() + ": the stored state has serial "
                    + stored + "; load the state again");
        } else if (unrecovered > 0) {
            throw new StateException(jf + " holds " + unrecovered + " results of an interrupted command that are not in "
                    + "this state; load the state again to recover them");
        }
        try {
            SecureFiles.createDirectories(dir);
            FileOps.deleteDurably(jf);
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("remove the old journal", jf, e), e);
        }
        journalSeenAtLoad = -1;
        openJournal = LocalJournal.create(this, jf, base);
        return openJournal;
    }

    /** Called by a journal when it is closed or committed. */
    synchronized void journalEnded(LocalJournal j) {
        if (openJournal == j) {
            openJournal = null;
        }
    }

    /** Called by a journal after its commit persisted everything it recorded. */
    void journalCommitted(Path file) {
        try {
            FileOps.deleteDurably(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the state was saved, but " + file + " could not be removed ("
                    + FileProblem.reason(e) + "); it will be ignored as already committed");
        }
    }

    /** {@inheritDoc} Each unreadable metadata file is logged as a warning. */
    @Override
    public synchronized List<SnapshotInfo> history() throws StateException {
        History h = historyWithWarnings();
        h.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        return h.entries();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every kept snapshot is listed (each is a version that was stored), with a warning when
     * some are newer than {@code state.json}: it was replaced by hand, and the next write is refused.
     */
    @Override
    public synchronized History historyWithWarnings() throws StateException {
        StateHeader stored = Files.exists(stateFile()) ? storedHeader() : null;
        return snapshots.history(stateFile(), stored == null ? -1 : stored.serial());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Works also when {@code state.json} is missing or was replaced by hand with an older
     * snapshot: the new serial is one above both it and the newest snapshot.
     */
    @Override
    public synchronized State restore(long serial, SnapshotInfo info) throws StateException {
        if (openJournal != null) {
            throw new StateException("refusing to restore while a journal is open on " + dir + ": commit or close it");
        }
        List<Long> kept = serials();
        Optional<byte[]> data = kept.contains(serial) ? snapshots.read(serial) : Optional.empty();
        if (data.isEmpty()) {
            throw new SnapshotNotFoundException(serial, kept);
        }
        State from = codec.decode(data.get(), snapshots.stateFile(serial).toString());
        long top = kept.get(kept.size() - 1);
        if (Files.exists(stateFile())) {
            Loaded loaded = load();
            if (loaded.recovered()) {
                persist(loaded.state(), info("recover", null));
            }
            top = Math.max(top, loaded.state().serial());
        }
        if (top == Long.MAX_VALUE) {
            throw new SerialExhaustedException(top, dir.toString());
        }
        State next = from.withSerial(top + 1);
        persist(next, (info != null ? info : info("state restore", null)).withRestoredFrom(serial));
        return next;
    }

    @Override
    public synchronized Optional<State> snapshot(long serial) throws StateException {
        Optional<byte[]> data = snapshots.read(serial);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(codec.decode(data.get(), snapshots.stateFile(serial).toString()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each file is replaced atomically (temp file, fsync, rename), snapshots first and
     * {@code state.json} last; a crash part-way leaves every file readable with the primary or the
     * fallback, and running the command again finishes the job.
     */
    @Override
    public synchronized List<Long> reencrypt() throws StateException {
        if (openJournal != null) {
            throw new StateException("refusing to re-encrypt while a journal is open on " + dir);
        }
        Loaded loaded = load();
        if (loaded.recovered()) {
            throw new StateException(journalFile() + " holds results of an interrupted command; run any command that "
                    + "writes the state (they are saved), then re-encrypt");
        }
        List<Long> done;
        try {
            done = snapshots.reencrypt(codec);
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("rewrite a snapshot in", snapshots.dir(), e), e);
        }
        if (Files.exists(stateFile())) {
            try {
                SecureFiles.writeAtomically(stateFile(), codec.encode(loaded.state()), true);
            } catch (IOException e) {
                throw new StateException(FileProblem.describe("rewrite", stateFile(), e), e);
            }
            if (!done.contains(loaded.state().serial())) {
                done.add(0, loaded.state().serial());
            }
        }
        return done;
    }

    @Override
    public Locker locker() {
        return locker;
    }
}
