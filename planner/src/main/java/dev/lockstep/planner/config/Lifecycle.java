package dev.lockstep.planner.config;

import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;

/**
 * A resource's {@code lifecycle} block. The boolean settings are constant expressions; ignored
 * attributes are paths relative to the resource ({@code metadata[0].labels}).
 */
public record Lifecycle(boolean createBeforeDestroy, boolean preventDestroy, List<Traversal> ignoreChanges,
        boolean ignoreAllChanges, List<Expression> replaceTriggeredBy) {

    public static final Lifecycle DEFAULT = new Lifecycle(false, false, List.of(), false, List.of());

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceTriggeredBy = List.copyOf(replaceTriggeredBy);
    }
}
