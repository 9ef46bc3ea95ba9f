package dev.lockstep.planner.hcl.eval;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.Set;

/**
 * Resolves references that start at the configuration's namespaces ({@code var.x},
 * {@code local.y}, {@code data.t.n}, {@code type.name}, {@code count.index}...) without building
 * one big object per namespace, so that evaluating N declarations stays linear.
 */
public interface RootScope {

    /** The value a reference starts with and how many of its steps were used to find it. */
    record Resolution(Value value, int stepsConsumed) {
    }

    /**
     * Resolves the beginning of {@code t}; the evaluator applies the remaining steps. Returns null
     * when this scope does not know the root name; reports a diagnostic (and returns an unknown)
     * when it knows the root but not the rest.
     */
    Resolution resolve(Traversal t, Diagnostics diags);

    /** Root names this scope answers to, for suggestions. */
    Set<String> rootNames();
}
