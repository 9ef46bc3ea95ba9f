package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** The conditional operator {@code cond ? a : b}. */
public record ConditionalExpr(Expression condition, Expression trueResult, Expression falseResult, SourceRange range) implements Expression {

}
