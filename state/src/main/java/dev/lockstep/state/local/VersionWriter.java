package dev.lockstep.state.local;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.Identity;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The write of one version of the local backend, once {@link LocalBackend} has checked it against
 * the stored one: the snapshot prepared (pending), {@code state.json} replaced atomically, the
 * snapshot published, old snapshots pruned and temp files of killed writers removed.
 */
final class VersionWriter {

    private static final System.Logger LOG = LocalBackend.LOG;

    private final Path dir;
    private final Path configDir;
    private final StateCodec codec;
    private final SnapshotStore snapshots;

    VersionWriter(Path dir, Path configDir, StateCodec codec, SnapshotStore snapshots) {
        this.dir = dir;
        this.configDir = configDir;
        this.codec = codec;
        this.snapshots = snapshots;
    }

    private Path stateFile() {
        return dir.resolve(LocalBackend.STATE_FILE);
    }

    /** Stores {@code state} as the new version with metadata {@code info} (missing fields filled in). */
    void store(State state, SnapshotInfo info) throws StateException {
        byte[] bytes;
        try {
            bytes = codec.encode(state);
        } catch (IllegalArgumentException e) {
            throw new StateException("refusing to write the state: " + e.getMessage(), e);
        }
        SnapshotInfo full = complete(info, state.serial());
        try {
            SecureFiles.createDirectories(dir);
            snapshots.prepare(bytes, full, state.lineage());
            FileOps.replace(stateFile(), bytes, true);
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("write", stateFile(), e) + "; the previous version is intact",
                    e);
        }
        try {
            snapshots.publish(state.serial());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "serial " + state.serial() + " is stored, but its snapshot could not be "
                    + "moved into " + snapshots.dir() + " (" + FileProblem.reason(e) + "); the next write does it");
        }
        try {
            snapshots.prune();
            removeTempFiles();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cleaning up " + dir + ": " + FileProblem.reason(e));
        }
    }

    private SnapshotInfo complete(SnapshotInfo i, long serial) {
        SnapshotInfo in = i == null ? LocalBackend.info(null, null) : i;
        return new SnapshotInfo(serial, in.time() != null ? in.time() : Instant.now(),
                in.user() != null ? in.user() : Identity.userAtHost(),
                in.command() != null ? in.command() : "unknown", in.planDigest(),
                in.gitCommit() != null ? in.gitCommit() : GitHead.commitOf(configDir).orElse(null),
                in.version() != null ? in.version() : codec.lockstepVersion(), in.restoredFrom());
    }

    /** Temp files of state writes that a killed process left behind (writers hold the lock). */
    private void removeTempFiles() throws IOException {
        for (Path d : List.of(dir, snapshots.dir())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            String glob = d.equals(dir) ? "." + LocalBackend.STATE_FILE + ".*.tmp" : ".*.tmp";
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, glob)) {
                for (Path p : ds) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
