package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.InstanceKey;
import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.config.ResourceConfig;
import dev.lockstep.planner.graph.GraphNode;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last steps of planning: {@code --target} (only the targets and what they depend on keep
 * their changes; for a destroy, the targets and what depends on them) and {@code prevent_destroy}
 * (a plan that deletes or replaces such a resource fails).
 */
final class PlanGuards {

    private PlanGuards() {
    }

    static void applyTargeting(Planner.Request req, Map<ResourceAddress, ResourceChange> changes, Diagnostics diags) {
        List<ResourceAddress> targets = req.options().targets();
        if (targets.isEmpty()) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (ResourceAddress t : targets) {
            String id = (t.isData() ? "data." : "") + t.type() + "." + t.name();
            GraphNode n = req.graph().node(id);
            if (n == null) {
                boolean inState = req.state().resources().keySet().stream().anyMatch(a -> matches(t, a));
                if (!inState) {
                    diags.error("Invalid target", "The target " + t + " matches no resource in the configuration or "
                            + "the state.", null);
                }
                continue;
            }
            if (req.options().mode() == PlanMode.DESTROY) {
                // destroying a target also destroys what depends on it, never what it depends on
                java.util.ArrayDeque<GraphNode> todo = new java.util.ArrayDeque<>(List.of(n));
                while (!todo.isEmpty()) {
                    GraphNode x = todo.pop();
                    if (wanted.add(x.id())) {
                        todo.addAll(req.graph().graph().dependents(x));
                    }
                }
            } else {
                for (GraphNode d : req.graph().graph().transitiveDependencies(n)) {
                    wanted.add(d.id());
                }
            }
        }
        changes.replaceAll((a, c) -> {
            boolean direct = targets.stream().anyMatch(t -> matches(t, a));
            String id = (a.isData() ? "data." : "") + a.type() + "." + a.name();
            boolean dependency = wanted.contains(id) && (req.options().mode() == PlanMode.DESTROY
                    || !targets.stream().anyMatch(t -> sameResource(t, a)));
            if (direct || dependency) {
                return c;
            }
            return new ResourceChange(a, c.provider(), Action.NO_OP, ActionReason.NONE, c.before(), c.before(),
                    List.of(), List.of(), c.beforeSecrets(), List.of(), c.dependencies());
        });
        changes.entrySet().removeIf(e -> e.getValue().before() == null && e.getValue().action() == Action.NO_OP);
        diags.warning("Resource targeting is in effect", "You are creating a plan with --target, which means that "
                + "the result of this plan may not represent all of the changes requested by the current "
                + "configuration. Use it only to recover from errors or mistakes, not routinely.", null);
    }

    private static boolean sameResource(ResourceAddress target, ResourceAddress a) {
        return target.mode() == a.mode() && target.type().equals(a.type()) && target.name().equals(a.name());
    }

    /** A target without a key matches every instance; with a key, only that instance. */
    static boolean matches(ResourceAddress target, ResourceAddress a) {
        return sameResource(target, a) && (target.key() instanceof InstanceKey.None || target.key().equals(a.key()));
    }

    static void checkPreventDestroy(Planner.Request req, Map<ResourceAddress, ResourceChange> changes,
            Map<ResourceAddress, PlannedInstance> instances, Diagnostics diags) {
        for (ResourceChange c : changes.values()) {
            if (c.action() != Action.DELETE && !c.action().isReplace()) {
                continue;
            }
            PlannedInstance pi = instances.get(c.address());
            ResourceConfig rc = pi == null ? null : pi.config();
            if (rc == null) {
                rc = req.config().resources().get(c.address().withoutKey());
            }
            if (rc != null && rc.lifecycle().preventDestroy()) {
                diags.error("Instance cannot be destroyed", "Resource " + c.address() + " has lifecycle.prevent_destroy "
                        + "set, but the plan calls for this resource to be destroyed. To avoid this error and continue "
                        + "with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan "
                        + "using the --target flag.", rc.range());
            }
        }
    }
}
