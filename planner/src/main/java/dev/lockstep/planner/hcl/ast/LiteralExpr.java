package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.api.value.Value;

/** A literal value: a number, bool, null or a string without interpolation. */
public record LiteralExpr(Value value, SourceRange range) implements Expression {

}
