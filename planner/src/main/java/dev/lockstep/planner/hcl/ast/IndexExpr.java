package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** Indexing with a computed key, such as {@code x[count.index]}. */
public record IndexExpr(Expression collection, Expression key, SourceRange range, SourceRange openBracket) implements Expression {

}
