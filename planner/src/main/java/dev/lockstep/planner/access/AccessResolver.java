package dev.lockstep.planner.access;

import dev.lockstep.planner.plan.AccessChange;
import dev.lockstep.planner.plan.AccessChanges;
import dev.lockstep.planner.plan.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves effective access from resource values, and diffs two resolutions (docs/access.md).
 */
public final class AccessResolver {

    private AccessResolver() {
    }

    /** The effective access the given resource values give, in both systems. */
    public static EffectiveAccess resolve(List<AccessSubject> subjects) {
        GrantSet out = new GrantSet();
        KubernetesAccess.resolve(subjects, out);
        DatabricksAccess.resolve(subjects, out);
        return out.result();
    }

    /**
     * The access gained and lost going from {@code before} to {@code after}: per principal, object
     * and way, the actions only {@code after} has (gained, caused by its resources) and those only
     * {@code before} has (lost, caused by the resources that granted them).
     */
    public static AccessChanges diff(EffectiveAccess before, EffectiveAccess after) {
        Map<Grant.Key, Grant> b = index(before.grants());
        Map<Grant.Key, Grant> a = index(after.grants());
        Set<Grant.Key> keys = new TreeSet<>(b.keySet());
        keys.addAll(a.keySet());
        List<AccessChange> changes = new ArrayList<>();
        for (Grant.Key k : keys) {
            Grant was = b.get(k);
            Grant now = a.get(k);
            TreeSet<String> gained = new TreeSet<>(now == null ? Set.of() : now.actions());
            TreeSet<String> lost = new TreeSet<>(was == null ? Set.of() : was.actions());
            if (was != null) {
                gained.removeAll(was.actions());
            }
            if (now != null) {
                lost.removeAll(now.actions());
            }
            if (!lost.isEmpty()) {
                changes.add(new AccessChange(AccessChange.Direction.LOST,
                        new Grant(k.principal(), lost, k.object(), k.via(), was.causes())));
            }
            if (!gained.isEmpty()) {
                changes.add(new AccessChange(AccessChange.Direction.GAINED,
                        new Grant(k.principal(), gained, k.object(), k.via(), now.causes())));
            }
        }
        changes.sort(null);
        return new AccessChanges(changes, after.grants(), after.undecided());
    }

    private static Map<Grant.Key, Grant> index(List<Grant> grants) {
        Map<Grant.Key, Grant> out = new TreeMap<>();
        for (Grant g : grants) {
            out.put(g.key(), g);
        }
        return out;
    }
}
