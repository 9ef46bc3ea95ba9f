package dev.lockstep.planner.engine;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.planner.graph.DependencyGraph;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.ResourceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of an apply and their order: creates, updates and reads after those of what they
 * depend on; deletes in reverse, after the deletes of what depends on them; a replacement's delete
 * before its create (or after it, and after its dependents switched over, with
 * {@code create_before_destroy}).
 */
final class OperationGraph {

    /** One operation on one instance; {@code deposed} marks the delete of a replaced object kept until its successor exists. */
    record Operation(ResourceAddress address, ApplyListener.Op op, boolean deposed) {
        @Override
        public String toString() {
            return op.name().toLowerCase(java.util.Locale.ROOT) + " " + address + (deposed ? " (deposed)" : "");
        }
    }

    private final DependencyGraph<Operation> graph = new DependencyGraph<>();

    private OperationGraph() {
    }

    static String configId(ResourceAddress a) {
        return (a.isData() ? "data." : "") + a.type() + "." + a.name();
    }

    static OperationGraph of(List<ResourceChange> changes) {
        OperationGraph g = new OperationGraph();
        Map<String, List<Operation>> applyOps = new HashMap<>();
        Map<String, List<Operation>> deleteOps = new HashMap<>();
        Map<ResourceAddress, Operation> createOf = new HashMap<>();
        Map<ResourceAddress, Operation> deleteOf = new HashMap<>();
        for (ResourceChange c : changes) {
            String id = configId(c.address());
            Action a = c.action();
            Operation apply = null;
            Operation delete = null;
            switch (a) {
                case CREATE:
                    apply = new Operation(c.address(), ApplyListener.Op.CREATE, false);
                    break;
                case UPDATE:
                    apply = new Operation(c.address(), ApplyListener.Op.UPDATE, false);
                    break;
                case READ:
                    apply = new Operation(c.address(), ApplyListener.Op.READ, false);
                    break;
                case DELETE:
                    delete = new Operation(c.address(), ApplyListener.Op.DELETE, false);
                    break;
                case DELETE_THEN_CREATE:
                    apply = new Operation(c.address(), ApplyListener.Op.CREATE, false);
                    delete = new Operation(c.address(), ApplyListener.Op.DELETE, false);
                    break;
                case CREATE_THEN_DELETE:
                    apply = new Operation(c.address(), ApplyListener.Op.CREATE, false);
                    delete = new Operation(c.address(), ApplyListener.Op.DELETE, true);
                    break;
                default:
                    break;
            }
            if (apply != null) {
                g.graph.addNode(apply);
                applyOps.computeIfAbsent(id, k -> new ArrayList<>()).add(apply);
                createOf.put(c.address(), apply);
            }
            if (delete != null) {
                g.graph.addNode(delete);
                deleteOps.computeIfAbsent(id, k -> new ArrayList<>()).add(delete);
                deleteOf.put(c.address(), delete);
            }
            if (a == Action.DELETE_THEN_CREATE) {
                g.graph.addEdge(apply, delete);
            } else if (a == Action.CREATE_THEN_DELETE) {
                g.graph.addEdge(delete, apply);
            }
        }
        for (ResourceChange c : changes) {
            Operation apply = createOf.get(c.address());
            Operation delete = deleteOf.get(c.address());
            for (String dep : c.dependencies()) {
                if (apply != null) {
                    for (Operation d : applyOps.getOrDefault(dep, List.of())) {
                        g.graph.addEdge(apply, d);
                    }
                }
                // what this instance depends on is deleted after this instance's delete
                for (Operation d : deleteOps.getOrDefault(dep, List.of())) {
                    if (delete != null) {
                        g.graph.addEdge(d, delete);
                    }
                    // a dependency replaced with create_before_destroy goes only after dependents switched over
                    if (d.deposed() && apply != null) {
                        g.graph.addEdge(d, apply);
                    }
                }
            }
        }
        return g;
    }

    DependencyGraph<Operation> graph() {
        return graph;
    }
}
