package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A splat: {@code source[*].each} or {@code source.*.each}; {@code each} is evaluated per element with the element bound to {@code item}. */
public record SplatExpr(Expression source, Expression each, AnonSymbolExpr item, boolean full, SourceRange range, SourceRange marker) implements Expression {

}
