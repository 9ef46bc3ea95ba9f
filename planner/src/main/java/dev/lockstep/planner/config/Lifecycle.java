package dev.lockstep.planner.config;

import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;

/**
 * A resource's or data source's {@code lifecycle} block. The boolean settings are constant
 * expressions; ignored attributes are paths relative to the resource ({@code metadata[0].labels}).
 * A data source's lifecycle holds only conditions.
 */
public record Lifecycle(boolean createBeforeDestroy, boolean preventDestroy, List<Traversal> ignoreChanges,
        boolean ignoreAllChanges, List<Expression> replaceTriggeredBy, List<Condition> preconditions,
        List<Condition> postconditions) {

    public static final Lifecycle DEFAULT = new Lifecycle(false, false, List.of(), false, List.of(), List.of(),
            List.of());

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceTriggeredBy = List.copyOf(replaceTriggeredBy);
        preconditions = List.copyOf(preconditions);
        postconditions = List.copyOf(postconditions);
    }

    /** Whether there is any precondition or postcondition. */
    public boolean hasConditions() {
        return !preconditions.isEmpty() || !postconditions.isEmpty();
    }
}
