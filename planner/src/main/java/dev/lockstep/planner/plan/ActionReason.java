package dev.lockstep.planner.plan;

/** Why an action was chosen, where the action alone does not say it (Terraform's action reasons). */
public enum ActionReason {
    NONE(null),
    REPLACE_BECAUSE_CANNOT_UPDATE("replace_because_cannot_update"),
    REPLACE_BECAUSE_TAINTED("replace_because_tainted"),
    REPLACE_BY_REQUEST("replace_by_request"),
    REPLACE_BY_TRIGGERS("replace_by_triggers"),
    DELETE_BECAUSE_NO_RESOURCE_CONFIG("delete_because_no_resource_config"),
    DELETE_BECAUSE_WRONG_REPETITION("delete_because_wrong_repetition"),
    DELETE_BECAUSE_COUNT_INDEX("delete_because_count_index"),
    DELETE_BECAUSE_EACH_KEY("delete_because_each_key"),
    /** An old object left by an interrupted create-before-destroy replacement. */
    DELETE_BECAUSE_DEPOSED("delete_because_deposed"),
    READ_BECAUSE_CONFIG_UNKNOWN("read_because_config_unknown"),
    READ_BECAUSE_DEPENDENCY_PENDING("read_because_dependency_pending"),
    /** lockstep's own: a token past its {@code rotate_after}. */
    REPLACE_BECAUSE_EXPIRED("replace_because_expired");

    private final String json;

    ActionReason(String json) {
        this.json = json;
    }

    /** The JSON plan's {@code action_reason}, or null for none. */
    public String json() {
        return json;
    }
}
