package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** Negation {@code -x} or logical not {@code !x}. */
public record UnaryOpExpr(Operator op, Expression operand, SourceRange range) implements Expression {

}
