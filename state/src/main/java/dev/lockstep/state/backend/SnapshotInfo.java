package dev.lockstep.state.backend;

import java.time.Instant;

/**
 * Metadata of one persisted state version, kept with its snapshot.
 *
 * @param serial the version's serial
 * @param time when it was written
 * @param user user@host that wrote it
 * @param command the command that wrote it ({@code apply}, {@code state rm}, {@code state restore}...)
 * @param planDigest SHA-256 of the applied plan file, or null
 * @param gitCommit the configuration's git commit when it is a git work tree, or null
 * @param version the lockstep version that wrote it
 * @param restoredFrom the serial of the snapshot this version is a copy of when it was written by
 *     {@link StateBackend#restore}, else null
 */
public record SnapshotInfo(long serial, Instant time, String user, String command, String planDigest,
        String gitCommit, String version, Long restoredFrom) {

    /** Metadata of a version that is not a restore. */
    public SnapshotInfo(long serial, Instant time, String user, String command, String planDigest, String gitCommit,
            String version) {
        this(serial, time, user, command, planDigest, gitCommit, version, null);
    }

    /** The same metadata, marked as a copy of the snapshot at {@code serial}. */
    public SnapshotInfo withRestoredFrom(long from) {
        return new SnapshotInfo(serial, time, user, command, planDigest, gitCommit, version, from);
    }
}
