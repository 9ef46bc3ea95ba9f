package dev.lockstep.planner.plan;

/** The closed set of things a plan can do to one resource instance, as in Terraform's plans. */
public enum Action {
    NO_OP("no-op"),
    CREATE("create"),
    READ("read"),
    UPDATE("update"),
    /** Replace: delete the old object first, then create the new one (the default). */
    DELETE_THEN_CREATE("delete-then-create"),
    /** Replace with {@code create_before_destroy}: create the new object first, then delete the old. */
    CREATE_THEN_DELETE("create-then-delete"),
    DELETE("delete");

    private final String word;

    Action(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public boolean isReplace() {
        return this == DELETE_THEN_CREATE || this == CREATE_THEN_DELETE;
    }

    /** Whether the action changes anything (everything except no-op and read). */
    public boolean isChange() {
        return this != NO_OP && this != READ;
    }

    /** Terraform's JSON {@code actions} array for this action. */
    public java.util.List<String> terraformActions() {
        switch (this) {
            case NO_OP:
                return java.util.List.of("no-op");
            case CREATE:
                return java.util.List.of("create");
            case READ:
                return java.util.List.of("read");
            case UPDATE:
                return java.util.List.of("update");
            case DELETE_THEN_CREATE:
                return java.util.List.of("delete", "create");
            case CREATE_THEN_DELETE:
                return java.util.List.of("create", "delete");
            case DELETE:
                return java.util.List.of("delete");
            default:
                throw new IllegalStateException();
        }
    }
}
