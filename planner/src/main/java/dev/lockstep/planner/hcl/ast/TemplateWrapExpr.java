package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A template that is exactly one interpolation, such as {@code "${x}"}: its value is the wrapped expression's value, unconverted. */
public record TemplateWrapExpr(Expression wrapped, SourceRange range) implements Expression {

}
