package dev.lockstep.state.local;

import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.Identity;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.codec.StateHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    public record Options(int retention, Duration lockTtl, String lockstepVersion) {

        /** 100 snapshots, the default lock TTL, this build's version. */
        public static Options defaults() {
            return new Options(100, LocalLocker.DEFAULT_TTL, BuildVersion.get());
        }

        public Options withRetention(int r) {
            return new Options(r, lockTtl, lockstepVersion);
        }

        public Options withLockTtl(Duration ttl) {
            return new Options(retention, ttl, lockstepVersion);
        }

        public Options withLockstepVersion(String v) {
            return new Options(retention, lockTtl, v);
        }
    }

    private final Path dir;
    private final Path configDir;
    private final StateCodec codec;
    private final SnapshotStore snapshots;
    private final LocalLocker locker;
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
        this.codec = new StateCodec(options.lockstepVersion());
        this.snapshots = new SnapshotStore(dir.resolve(SNAPSHOT_DIR), options.retention());
        this.locker = new LocalLocker(dir, configDir.toString(), options.lockstepVersion(), options.lockTtl());
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
        Loaded loaded = Recovery.recover(stored, journal, journalFile());
        journalSeenAtLoad = loaded.recovered() ? journal.length : -1;
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
            if (e.getMessage().startsWith("cannot read")) {
                throw e;
            }
            throw new StateException(e.getMessage() + ". Earlier versions are kept in " + snapshots.dir()
                    + " (see `lockstep state history`).", e);
        }
    }

    private void refuseIfOrphanedSnapshots() throws StateException {
        List<Long> serials;
        try {
            serials = snapshots.serials();
        } catch (IOException e) {
            throw new StateException("cannot list " + snapshots.dir() + ": " + e.getMessage(), e);
        }
        if (!serials.isEmpty()) {
            long last = serials.get(serials.size() - 1);
            throw new StateException(stateFile() + " is missing, but " + snapshots.dir() + " holds " + serials.size()
                    + " versions of a state up to serial " + last + ". Restore the latest with `cp "
                    + snapshots.stateFile(last) + " " + stateFile() + "`, or move " + snapshots.dir()
                    + " away to start a new state.");
        }
    }

    private static byte[] readIfExists(Path f) throws StateException {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The header of the stored state: state.json, or the newest snapshot if state.json is missing. */
    private StateHeader storedHeader() throws StateException {
        Path f = stateFile();
        if (!Files.exists(f)) {
            try {
                List<Long> serials = snapshots.serials();
                if (serials.isEmpty()) {
                    return null;
                }
                f = snapshots.stateFile(serials.get(serials.size() - 1));
            } catch (IOException e) {
                throw new StateException("cannot list " + snapshots.dir() + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = Files.newInputStream(f)) {
            return StateCodec.peekHeader(in, f.toString());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateException("cannot read " + f + ": " + e.getMessage(), e);
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
            LOG.log(System.Logger.Level.WARNING, "cannot remove " + journalFile() + ": " + e.getMessage()
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
        int unrecovered = Recovery.unrecovered(journal, journalFile(), state.lineage(), h == null ? 0 : h.serial());
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
        byte[] bytes;
        try {
            bytes = codec.encode(state);
        } catch (IllegalArgumentException e) {
            throw new StateException("refusing to write the state: " + e.getMessage(), e);
        }
        SnapshotInfo full = complete(info, state.serial());
        try {
            Files.createDirectories(dir);
            snapshots.write(bytes, full, state.lineage());
            FileOps.replace(stateFile(), bytes, true);
        } catch (IOException e) {
            throw new StateException("cannot write " + stateFile() + ": " + e.getMessage()
                    + "; the previous version is intact", e);
        }
        try {
            snapshots.prune();
            removeTempFiles();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cleaning up " + dir + ": " + e.getMessage());
        }
    }

    private SnapshotInfo complete(SnapshotInfo i, long serial) {
        SnapshotInfo in = i == null ? info(null, null) : i;
        return new SnapshotInfo(serial, in.time() != null ? in.time() : Instant.now(),
                in.user() != null ? in.user() : Identity.userAtHost(),
                in.command() != null ? in.command() : "unknown", in.planDigest(),
                in.gitCommit() != null ? in.gitCommit() : GitHead.commitOf(configDir).orElse(null),
                in.version() != null ? in.version() : codec.lockstepVersion());
    }

    /** Temp files of state writes that a killed process left behind (writers hold the lock). */
    private void removeTempFiles() throws IOException {
        for (Path d : List.of(dir, snapshots.dir())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            String glob = d.equals(dir) ? "." + STATE_FILE + ".*.tmp" : ".*.tmp";
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, glob)) {
                for (Path p : ds) {
                    Files.deleteIfExists(p);
                }
            }
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
        if (h != null && !h.lineage().equals(base.lineage())) {
            throw new StateException("cannot start a journal on a state of lineage " + base.lineage() + ": " + dir
                    + " holds lineage " + h.lineage());
        }
        Path jf = journalFile();
        int unrecovered = Recovery.unrecovered(readIfExists(jf), jf, base.lineage(), stored);
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
            Files.createDirectories(dir);
            FileOps.deleteDurably(jf);
        } catch (IOException e) {
            throw new StateException("cannot remove the old journal " + jf + ": " + e.getMessage(), e);
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
                    + e.getMessage() + "); it will be ignored as already committed");
        }
    }

    @Override
    public synchronized List<SnapshotInfo> history() throws StateException {
        StateHeader h = Files.exists(stateFile()) ? storedHeader() : null;
        return snapshots.history(h == null ? Long.MAX_VALUE : h.serial());
    }

    @Override
    public synchronized Optional<State> snapshot(long serial) throws StateException {
        Optional<byte[]> data = snapshots.read(serial);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(codec.decode(data.get(), snapshots.stateFile(serial).toString()));
    }

    @Override
    public Locker locker() {
        return locker;
    }
}
