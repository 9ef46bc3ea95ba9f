package dev.lockstep.cli;

/** lockstep's process exit codes; CI pipelines and cron jobs branch on these. */
public enum ExitCode {
    /** Success, no changes, no drift. */
    OK(0),
    /** Any error, including bad input and usage errors. */
    ERROR(1),
    /** Changes present (plan with --detailed-exitcode), drift found, or files to format (fmt --check). */
    CHANGES(2),
    /** Blocked by a policy of error severity. */
    POLICY(3),
    /** The state is locked by someone else. */
    LOCKED(4),
    /** A saved plan was refused at apply: stale, tampered or unapproved. */
    PLAN_REFUSED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
