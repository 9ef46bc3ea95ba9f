package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.Plan;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How an apply talks to whoever runs it while it works: it shows the plan, asks for confirmation,
 * reports progress, and is told to stop. The core never prints; the command line implements these.
 */
public interface ApplyCallbacks {

    /** The plan about to be applied (not called for a saved plan, which was shown when it was made). */
    void planned(Plan plan);

    /** Whether to go ahead; not called with auto-approve or a saved plan. */
    boolean confirm(Plan plan);

    /** The apply is starting (after confirmation); the place to start listening for interrupts. */
    void applying(Plan plan);

    /** Where progress goes. */
    ApplyListener progress();

    /** Set to stop starting new operations (in-flight ones finish and are saved). */
    AtomicBoolean cancelled();
}
