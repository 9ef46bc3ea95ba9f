package dev.lockstep.planner.policy.eval;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.engine.Refresher;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.policy.PolicySubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The subjects of a policy evaluation: a plan's planned values, or the live objects drift read. */
public final class PolicySubjects {

    private PolicySubjects() {
    }

    /** Every managed instance the plan leaves in place (creates, updates, replacements, no-ops), with its planned value. */
    public static List<PolicySubject> planned(Planner.Result planned, Config config) {
        List<PolicySubject> out = new ArrayList<>();
        Map<ResourceAddress, Set<String>> literals = new java.util.HashMap<>(); // once per block, not per instance
        for (ResourceChange c : planned.plan().changes()) {
            ResourceAddress a = c.address();
            if (a.isData() || c.action() == Action.DELETE || c.after() == null) {
                continue;
            }
            ResourceConfig rc = config.resources().get(a.withoutKey());
            out.add(new PolicySubject(a.toString(), a.type(), c.after(), PolicySubject.Origin.PLANNED,
                    rc == null ? null : rc.range(), literals.computeIfAbsent(a.withoutKey(), k -> literals(rc))));
        }
        return out;
    }

    /** Every managed object refresh found, with its live value. */
    public static List<PolicySubject> live(Planner.Result refreshed, Config config) {
        List<PolicySubject> out = new ArrayList<>();
        for (Map.Entry<ResourceAddress, Refresher.Refreshed> e : refreshed.refreshed().entrySet()) {
            ResourceAddress a = e.getKey();
            if (a.isData() || e.getValue().value() == null) {
                continue;
            }
            ResourceConfig rc = config.resources().get(a.withoutKey());
            out.add(new PolicySubject(a.toString(), a.type(), e.getValue().value(), PolicySubject.Origin.LIVE,
                    rc == null ? null : rc.range(), Set.of()));
        }
        out.sort(java.util.Comparator.comparing(PolicySubject::address));
        return out;
    }

    /** The top-level arguments of a resource block whose expressions reference nothing. */
    static Set<String> literals(ResourceConfig rc) {
        Set<String> out = new TreeSet<>();
        if (rc == null) {
            return out;
        }
        for (Attribute a : rc.body().attributes()) {
            if (Expressions.references(a.expr()).isEmpty()) {
                out.add(a.name());
            }
        }
        return out;
    }
}
