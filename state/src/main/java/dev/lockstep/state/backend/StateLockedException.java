package dev.lockstep.state.backend;

/** The state is locked by another holder; {@link #holder()} says who (exit code 4). */
public final class StateLockedException extends StateException {

    private final LockInfo holder;

    public StateLockedException(LockInfo holder) {
        super("the state is locked by " + (holder == null ? "another process" : holder.describe()));
        this.holder = holder;
    }

    /** The current holder, or null if it could not be read. */
    public LockInfo holder() {
        return holder;
    }
}
