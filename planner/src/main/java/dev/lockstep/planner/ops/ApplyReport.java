package dev.lockstep.planner.ops;

import dev.lockstep.planner.plan.Plan;
import dev.lockstep.state.OutputValue;
import java.util.Map;

/**
 * What an apply or destroy did: the plan it carried out and how each operation ended. It is also
 * the partial result of a failed or interrupted apply (every completed operation is saved).
 *
 * @param plan the plan applied
 * @param fromSavedPlan whether the plan came from a plan file
 * @param succeeded operations completed and saved
 * @param failed operations that failed
 * @param skipped operations not started (a dependency failed, or the apply was interrupted)
 * @param interrupted whether the apply was interrupted
 * @param outputs the root outputs recorded in the new state
 */
public record ApplyReport(Plan plan, boolean fromSavedPlan, int succeeded, int failed, int skipped,
        boolean interrupted, Map<String, OutputValue> outputs) {

    /** Whether there was nothing to do. */
    public boolean nothingToDo() {
        return !plan.hasChanges();
    }
}
