package dev.lockstep.planner.access;

import dev.lockstep.planner.plan.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Grants being collected: merged per principal, object and way, with a count of undecided ones. */
final class GrantSet {

    private final Map<Grant.Key, Grant> grants = new TreeMap<>();
    private int undecided;

    void add(Grant g) {
        grants.merge(g.key(), g, (a, b) -> {
            TreeSet<String> actions = new TreeSet<>(a.actions());
            actions.addAll(b.actions());
            TreeSet<String> causes = new TreeSet<>(a.causes());
            causes.addAll(b.causes());
            return new Grant(a.principal(), actions, a.object(), a.via(), causes);
        });
    }

    void undecided() {
        undecided++;
    }

    List<Grant> grants() {
        return new ArrayList<>(grants.values());
    }

    EffectiveAccess result() {
        return new EffectiveAccess(grants(), undecided);
    }
}
