package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;

/**
 * One custom condition: a {@code precondition} or {@code postcondition} block (of a resource,
 * data source or output) or an {@code assert} block of a {@code check}. Both expressions stay
 * unevaluated until the engine checks the condition.
 *
 * @param condition the expression that must be true
 * @param errorMessage the expression giving the message shown when it is false
 * @param range the block's type keyword, for diagnostics about the block as a whole
 */
public record Condition(Expression condition, Expression errorMessage, SourceRange range) {
}
