package dev.lockstep.planner.ops;

/** Why an operation refused to go ahead; each maps to one exit code (docs/commands.md). */
public enum Refusal {
    /** Another lockstep process holds the state lock (exit 4). */
    STATE_LOCKED,
    /** A saved plan is not an intact lockstep plan of a readable format: altered, corrupt, other format (exit 5). */
    PLAN_UNUSABLE,
    /** A saved plan no longer matches the state, the configuration, the live objects or the variables (exit 5). */
    PLAN_STALE,
    /** A mandatory policy failed (exit 3): nothing was saved or changed. */
    POLICY_BLOCKED,
    /** A saved plan lacks the approvals the configuration requires (exit 5). */
    NOT_APPROVED,
    /** The user did not confirm an apply or destroy (exit 1). */
    NOT_CONFIRMED
}
