package dev.lockstep.planner.ops;

import dev.lockstep.planner.access.AccessResolver;
import dev.lockstep.planner.access.AccessSubject;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Where plan and apply compute the effective-access diff (docs/access.md): the access the
 * {@code before} values of the plan's changes give (what state and refresh saw) against the access
 * its planned values give (deleted resources absent).
 */
final class AccessCheck {

    private AccessCheck() {
    }

    /** The plan with its access changes. */
    static Plan plan(Plan plan) {
        List<AccessSubject> before = new ArrayList<>();
        List<AccessSubject> after = new ArrayList<>();
        for (ResourceChange c : plan.changes()) {
            if (c.address().isData()) {
                continue;
            }
            String address = c.address().toString();
            if (c.before() != null && !c.before().isNull()) {
                before.add(new AccessSubject(address, c.address().type(), c.before(), c.dependencies()));
            }
            if (c.action() != Action.DELETE && c.after() != null && !c.after().isNull()) {
                after.add(new AccessSubject(address, c.address().type(), c.after(), c.dependencies()));
            }
        }
        return plan.withAccessChanges(AccessResolver.diff(AccessResolver.resolve(before),
                AccessResolver.resolve(after)));
    }
}
