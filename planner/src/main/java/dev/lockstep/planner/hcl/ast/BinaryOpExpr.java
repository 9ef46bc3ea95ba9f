package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A binary operation; both operands are always evaluated except where HCL short-circuits. */
public record BinaryOpExpr(Operator op, Expression lhs, Expression rhs, SourceRange range) implements Expression {

}
