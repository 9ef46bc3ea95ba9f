package dev.lockstep.state.backend;

import java.time.Instant;

/**
 * Metadata of one persisted state version, kept with its snapshot.
 *
 * @param serial the version's serial
 * @param time when it was written
 * @param user user@host that wrote it
 * @param command the command that wrote it ({@code apply}, {@code state rm}...)
 * @param planDigest SHA-256 of the applied plan file, or null
 * @param gitCommit the configuration's git commit when it is a git work tree, or null
 * @param version the lockstep version that wrote it
 */
public record SnapshotInfo(long serial, Instant time, String user, String command, String planDigest,
        String gitCommit, String version) {
}
