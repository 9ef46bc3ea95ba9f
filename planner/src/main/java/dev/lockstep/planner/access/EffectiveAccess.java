package dev.lockstep.planner.access;

import dev.lockstep.planner.plan.Grant;
import java.util.List;

/**
 * The effective access a set of resource values gives.
 *
 * @param grants the grants, merged per principal, object and way, sorted
 * @param undecided how many grants could not be resolved because a value they need is known only
 *     after apply (or is sensitive)
 */
public record EffectiveAccess(List<Grant> grants, int undecided) {

    public EffectiveAccess {
        grants = List.copyOf(grants);
    }

    /** No access at all. */
    public static final EffectiveAccess NONE = new EffectiveAccess(List.of(), 0);
}
