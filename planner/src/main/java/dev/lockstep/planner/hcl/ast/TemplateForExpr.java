package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A {@code %{for}} directive: the body template rendered once per element and concatenated. */
public record TemplateForExpr(String keyVar, String valueVar, Expression collection, Expression body, SourceRange range) implements Expression {

}
