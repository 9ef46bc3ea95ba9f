package dev.lockstep.cli;

/** lockstep's process exit codes; CI pipelines and cron jobs branch on these. */
public enum ExitCode {
    /** Success, no changes, no drift. */
    OK(0, "success: no changes, no drift"),
    /** Any error, including bad input and usage errors. */
    ERROR(1, "error, including bad input and usage errors; nothing was changed unless the output says so"),
    /** Changes present (plan with --detailed-exitcode), drift found, or files to format (fmt --check). */
    CHANGES(2, "changes present (`plan --detailed-exitcode`), drift found (`drift`), files to format (`fmt --check`)"),
    /** Blocked by a policy of error severity. */
    POLICY(3, "blocked by a policy (reserved: policies are not built yet)"),
    /** The state is locked by someone else. */
    LOCKED(4, "the state is locked by someone else; the holder is printed"),
    /** A saved plan was refused at apply: stale, tampered or unapproved. */
    PLAN_REFUSED(5, "a saved plan was refused at apply: stale, altered, or made against other live objects");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, for the command reference. */
    public String meaning() {
        return meaning;
    }
}
