package dev.lockstep.planner.testing;

import dev.lockstep.planner.ops.ApplyCallbacks;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.Plan;
import java.util.concurrent.atomic.AtomicBoolean;

/** Apply callbacks that approve every plan and count how many plans the core showed (override {@link #confirm} to refuse). */
public class ApproveAll implements ApplyCallbacks {

    /** How many plans were shown for approval. */
    public int shown;

    @Override
    public void planned(Plan plan) {
        shown++;
    }

    @Override
    public boolean confirm(Plan plan) {
        return true;
    }

    @Override
    public void applying(Plan plan) {
    }

    @Override
    public ApplyListener progress() {
        return ApplyListener.NONE;
    }

    @Override
    public AtomicBoolean cancelled() {
        return new AtomicBoolean();
    }
}
