package dev.lockstep.state.audit;

import dev.lockstep.state.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audited command (apply, destroy, import, state edit, force-unlock): who ran it, when, on
 * which plan, what it set out to change and what came of each change. By construction it holds
 * no attribute value: only addresses, action and status words, and error summaries.
 *
 * @param time when the command finished
 * @param user user@host
 * @param command the command, such as {@code apply} or {@code state rm}
 * @param planDigest SHA-256 of the applied plan file, or null
 * @param changes what was planned
 * @param results what happened to each change
 * @param lockId the id of the state lock the command held, or null
 * @param checks the gate's checks the command made before changing anything (approvals,
 *     policies), passed or refused
 */
public record AuditEvent(Instant time, String user, String command, String planDigest, List<Change> changes,
        List<Result> results, String lockId, List<Check> checks) {

    /**
     * A check of the gate: {@code approvals} or {@code policy}, whether it passed, and what it found
     * (signers by key fingerprint and name, policy ids and addresses; never a value).
     */
    public record Check(String kind, String outcome, String detail) {
        public Check {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** An event without checks. */
    public AuditEvent(Instant time, String user, String command, String planDigest, List<Change> changes,
            List<Result> results, String lockId) {
        this(time, user, command, planDigest, changes, results, lockId, List.of());
    }

    /** A planned change: an instance address and its action ({@code create}, {@code update}, ...). */
    public record Change(String address, String action) {
        public Change {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The outcome of one change.
     *
     * @param status {@code ok}, {@code failed}, {@code skipped}...
     * @param error the error summary when it failed, else null
     */
    public record Result(String address, String status, String error) {
        public Result {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(status, "status");
        }
    }

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(command, "command");
        changes = List.copyOf(changes);
        results = List.copyOf(results);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** An event of this process's user, now. */
    public static AuditEvent now(String command, String planDigest, List<Change> changes, List<Result> results,
            String lockId) {
        return new AuditEvent(Instant.now(), Identity.userAtHost(), command, planDigest, changes, results, lockId);
    }

    /** The same event with these checks. */
    public AuditEvent withChecks(List<Check> checks) {
        return new AuditEvent(time, user, command, planDigest, changes, results, lockId, checks);
    }
}
