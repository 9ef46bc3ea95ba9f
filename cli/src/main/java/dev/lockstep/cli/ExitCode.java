package dev.lockstep.cli;

import dev.lockstep.planner.ops.Outcome;

/** lockstep's process exit codes; CI pipelines and cron jobs branch on these. */
public enum ExitCode {
    /** Success, no changes, no drift. */
    OK(0, "success: no changes, no drift"),
    /** Any error, including bad input and usage errors. */
    ERROR(1, "error, including bad input and usage errors; nothing was changed unless the output says so"),
    /** Changes present (plan with --detailed-exitcode), drift found, or files to format (fmt --check). */
    CHANGES(2, "changes present (`plan --detailed-exitcode`), drift found (`drift`), files to format (`fmt --check`)"),
    /** Blocked by a mandatory policy. */
    POLICY(3, "blocked by a mandatory policy (`plan`, `apply`; `drift` when a live object breaks one); nothing was "
            + "saved or changed"),
    /** The state is locked by someone else. */
    LOCKED(4, "the state is locked by someone else; the holder is printed"),
    /** A saved plan was refused at apply: stale, tampered or unapproved. */
    PLAN_REFUSED(5, "a saved plan was refused at apply: stale, altered, made against other live objects, or without "
            + "the required signed approvals");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * The one table from an operation's outcome to the exit code: success is 0 (2 when it found
     * {@code changes}: a plan with --detailed-exitcode, drift), a failure 1, a refusal by its reason
     * (a mandatory policy failed 3, the state locked 4, a saved plan refused or not approved 5, no
     * confirmation 1).
     */
    public static ExitCode of(Outcome<?> outcome, boolean changes) {
        if (outcome instanceof Outcome.Succeeded) {
            return changes ? CHANGES : OK;
        }
        if (outcome instanceof Outcome.Refused<?> r) {
            switch (r.reason()) {
                case STATE_LOCKED:
                    return LOCKED;
                case POLICY_BLOCKED:
                    return POLICY;
                case PLAN_UNUSABLE:
                case PLAN_STALE:
                case NOT_APPROVED:
                    return PLAN_REFUSED;
                case NOT_CONFIRMED:
                default:
                    return ERROR;
            }
        }
        return ERROR;
    }

    public int code() {
        return code;
    }

    /** What the code means, for the command reference. */
    public String meaning() {
        return meaning;
    }
}
