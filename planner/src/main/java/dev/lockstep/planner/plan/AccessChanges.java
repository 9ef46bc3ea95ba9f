package dev.lockstep.planner.plan;

import java.util.List;

/**
 * What a plan does to effective access: the changes, the access after it, and how much of it is
 * known only after apply.
 *
 * @param changes the gains and losses, sorted by principal, object, way
 * @param after the effective access once the plan is applied
 * @param undecided how many grants after the plan cannot be resolved before apply
 */
public record AccessChanges(List<AccessChange> changes, List<Grant> after, int undecided) {

    /** No changes, no access (plans made before access was resolved). */
    public static final AccessChanges NONE = new AccessChanges(List.of(), List.of(), 0);

    public AccessChanges {
        changes = List.copyOf(changes);
        after = List.copyOf(after);
    }

    /** Whether there is anything to show: a change, or access known only after apply. */
    public boolean isEmpty() {
        return changes.isEmpty() && undecided == 0;
    }
}
