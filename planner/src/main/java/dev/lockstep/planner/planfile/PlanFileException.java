package dev.lockstep.planner.planfile;

/** Why a plan file cannot be used: it cannot be read at all, or it is not an intact lockstep plan. */
public final class PlanFileException extends Exception {

    /** What is wrong with the file. */
    public enum Kind {
        /** The file does not exist, is a directory, or cannot be read: a usage error. */
        UNREADABLE,
        /** The file is not a lockstep plan, has another format version, or was altered: refused. */
        UNUSABLE
    }

    private final Kind kind;

    public PlanFileException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
