package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** An expression in parentheses, kept so that printing preserves the user's grouping. */
public record ParenthesesExpr(Expression inner, SourceRange range) implements Expression {

}
