package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code lockstep { ... }} block: where the state lives and how many versions are kept.
 *
 * <pre>
 * lockstep {
 *   backend "local" {
 *     path      = ".lockstep"   # relative to the configuration directory
 *     snapshots = 100           # state versions kept
 *   }
 * }
 * </pre>
 *
 * or a shared backend ({@code backend "kubernetes" { ... }}, {@code backend "s3" { ... }}, see
 * docs/state.md), whose arguments are decoded against its factory's schema.
 *
 * @param stateDir the local state directory, resolved against the configuration directory (with a
 *     shared backend it still holds the audit log and the sandbox's data)
 * @param snapshots how many state versions to keep as snapshots
 * @param shared the shared backend, or null for the local one
 * @param encryption the {@code encryption} block, or null when there is none (nothing is encrypted)
 * @param approvals the {@code approvals} block, or null when saved plans need no signatures
 */
public record Settings(Path stateDir, int snapshots, Shared shared, EncryptionSettings encryption,
        ApprovalSettings approvals) {

    public static final String DEFAULT_STATE_DIR = ".lockstep";
    public static final int DEFAULT_SNAPSHOTS = 100;

    /**
     * A shared backend.
     *
     * @param type the backend's label ({@code kubernetes}, {@code s3})
     * @param arguments the decoded block, an object of the backend factory's schema
     * @param lockDuration how long the lock lasts without renewal ({@code lock_duration})
     * @param range where the backend block is, for messages
     */
    public record Shared(String type, Value arguments, Duration lockDuration, SourceRange range) {
    }

    /** Settings without an approvals block. */
    public Settings(Path stateDir, int snapshots, Shared shared, EncryptionSettings encryption) {
        this(stateDir, snapshots, shared, encryption, null);
    }

    public static Settings defaults(Path configDir) {
        return new Settings(configDir.resolve(DEFAULT_STATE_DIR), DEFAULT_SNAPSHOTS, null, null);
    }

    /** The same settings with this encryption block. */
    public Settings withEncryption(EncryptionSettings e) {
        return new Settings(stateDir, snapshots, shared, e, approvals);
    }

    /** The same settings with this approvals block. */
    public Settings withApprovals(ApprovalSettings a) {
        return new Settings(stateDir, snapshots, shared, encryption, a);
    }
}
