package dev.lockstep.state.local;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.SnapshotMeta;
import dev.lockstep.state.codec.StateCodec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code .lockstep/snapshots/}: every persisted version as {@code <serial>.json} (a complete state
 * file) and its metadata as {@code <serial>.meta.json} ({@link SnapshotMeta}), the oldest deleted
 * beyond the retention count.
 *
 * <p>A snapshot becomes visible only once its version is stored: it is first written as
 * {@code .<serial>.json.pending} and {@code .<serial>.meta.json.pending}, then {@code state.json} is
 * replaced, then the pending files are renamed into place ({@link #publish}). So every visible
 * snapshot is a version that was stored, and a snapshot above the serial of {@code state.json}
 * means that {@code state.json} was replaced by hand. Pending files left by a crash are settled
 * by the next write ({@link #settle}): published when {@code state.json} holds their serial,
 * deleted otherwise.
 */
final class SnapshotStore {

    private static final String META = ".meta.json";
    private static final String PENDING = ".pending";

    private final Path dir;
    private final int retention;

    SnapshotStore(Path dir, int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("snapshot retention must be at least 1, got " + retention);
        }
        this.dir = dir;
        this.retention = retention;
    }

    Path dir() {
        return dir;
    }

    Path stateFile(long serial) {
        return dir.resolve(serial + ".json");
    }

    Path metaFile(long serial) {
        return dir.resolve(serial + META);
    }

    private Path pending(Path file) {
        return dir.resolve("." + file.getFileName() + PENDING);
    }

    /** Writes the snapshot and its metadata durably as pending files, not yet visible. */
    void prepare(byte[] state, SnapshotInfo info, String lineage) throws IOException {
        SecureFiles.createDirectories(dir);
        FileOps.replace(pending(stateFile(info.serial())), state, true);
        FileOps.replace(pending(metaFile(info.serial())), SnapshotMeta.encode(info, lineage), true);
    }

    /**
     * Makes the prepared snapshot at {@code serial} visible (state first, so metadata never names a
     * missing file), replacing any older copy.
     */
    void publish(long serial) throws IOException {
        Files.move(pending(stateFile(serial)), stateFile(serial), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(pending(metaFile(serial)), metaFile(serial), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        FileOps.forceDirectory(dir);
    }

    /**
     * Settles pending snapshots a crash left: the one of {@code storedSerial} (its version was
     * stored, the crash came before it was published) is published, any other is deleted.
     */
    void settle(long storedSerial) throws StateException {
        try {
            settleOrFail(storedSerial);
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("settle the snapshots in", dir, e), e);
        }
    }

    private void settleOrFail(long storedSerial) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*" + PENDING)) {
            ds.forEach(found::add);
        }
        if (found.isEmpty()) {
            return;
        }
        boolean whole = Files.exists(pending(stateFile(storedSerial))) && Files.exists(pending(metaFile(storedSerial)));
        if (storedSerial > 0 && whole) {
            publish(storedSerial);
        }
        for (Path p : found) {
            Files.deleteIfExists(p);
        }
    }

    /** Deletes the oldest snapshots beyond the retention count. */
    void prune() throws IOException {
        List<Long> serials = serials();
        for (int i = 0; i < serials.size() - retention; i++) {
            long s = serials.get(i);
            Files.deleteIfExists(metaFile(s));
            Files.deleteIfExists(stateFile(s));
        }
    }

    /** The serials of the kept snapshots, oldest first. */
    List<Long> serials() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + META)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                try {
                    out.add(Long.parseLong(name.substring(0, name.length() - META.length())));
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The serial of the newest kept snapshot, or 0 when none is kept. */
    long newest() throws StateException {
        try {
            List<Long> s = serials();
            return s.isEmpty() ? 0 : s.get(s.size() - 1);
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("list", dir, e), e);
        }
    }

    /**
     * Refuses to write serial {@code next} when the newest snapshot is above the serial of
     * {@code stateFile} ({@code storedSerial}) and not below {@code next}: only stored versions have
     * snapshots, so the state file was replaced by hand, typically with a copy of an older snapshot,
     * and writing would overwrite stored versions. (A stale serial, not above the stored one, is the
     * caller's to refuse.)
     */
    void refuseIfReplacedByHand(Path stateFile, long storedSerial, long next) throws StateException {
        long newest = newest();
        if (newest > storedSerial && newest >= next) {
            throw new StateException("refusing to write serial " + next + ": " + stateFile + " has serial "
                    + storedSerial + ", but " + dir + " holds stored versions up to serial " + newest + ", so "
                    + stateFile.getFileName() + " was replaced by hand (with a copy of an older snapshot?) and writing "
                    + "would overwrite stored versions. To go back to an earlier version, run `lockstep state restore "
                    + "SERIAL`: it stores that version as serial " + (newest + 1) + " and keeps every other one");
        }
    }

    /**
     * The metadata of every kept snapshot, newest first; a snapshot whose metadata cannot be read is
     * left out with a warning naming its file. When the newest is above {@code storedSerial} (the
     * serial of {@code stateFile}, -1 when it is missing), a warning says that it was replaced by hand.
     */
    StateBackend.History history(Path stateFile, long storedSerial) throws StateException {
        List<SnapshotInfo> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Long> serials;
        try {
            serials = serials();
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("list the snapshots in", dir, e), e);
        }
        for (int i = serials.size() - 1; i >= 0; i--) {
            long serial = serials.get(i);
            Path f = metaFile(serial);
            try {
                SnapshotInfo info = SnapshotMeta.decode(Files.readAllBytes(f));
                if (info.serial() != serial) {
                    warnings.add("skipped " + f + ": it describes serial " + info.serial() + ", not " + serial);
                } else {
                    out.add(info);
                }
            } catch (NoSuchFileException e) {
                // pruned meanwhile
            } catch (IOException e) {
                warnings.add("skipped " + f + ": " + FileProblem.reason(e));
            } catch (SnapshotMeta.Unreadable e) {
                warnings.add("skipped " + f + ": " + e.getMessage());
            }
        }
        long newest = serials.isEmpty() ? 0 : serials.get(serials.size() - 1);
        if (storedSerial >= 0 && newest > storedSerial) {
            warnings.add(replacedByHand(stateFile, storedSerial, newest));
        }
        return new StateBackend.History(out, warnings);
    }

    /** The warning for a state file of serial {@code stored} below the newest snapshot. */
    static String replacedByHand(Path stateFile, long stored, long newest) {
        return stateFile + " has serial " + stored + ", older than the newest snapshot (" + newest + "): it was "
                + "replaced by hand, and commands that write the state refuse to run. Use `lockstep state restore "
                + "SERIAL` to make a kept version the latest";
    }

    /** The bytes of the snapshot at {@code serial}, if kept. */
    Optional<byte[]> read(long serial) throws StateException {
        Path f = stateFile(serial);
        try {
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("read the snapshot", f, e), e);
        }
    }

    /**
     * Rewrites every kept snapshot with {@code codec} (decoded with its encryption's primary or
     * fallback, sealed with the primary), newest first, each atomically. Returns the serials rewritten.
     */
    List<Long> reencrypt(StateCodec codec) throws IOException, StateException {
        List<Long> done = new java.util.ArrayList<>();
        List<Long> kept = serials();
        for (int i = kept.size() - 1; i >= 0; i--) {
            long serial = kept.get(i);
            Optional<byte[]> data = read(serial);
            if (data.isPresent()) {
                SecureFiles.writeAtomically(stateFile(serial), codec.encode(codec.decode(data.get(),
                        stateFile(serial).toString())), true);
                done.add(serial);
            }
        }
        return done;
    }
}
