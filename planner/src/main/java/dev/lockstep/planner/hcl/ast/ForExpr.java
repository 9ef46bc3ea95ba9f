package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A {@code for} expression: {@code [for k, v in coll : expr if cond]} or {@code {for k, v in coll : key => value... if cond}}. */
public record ForExpr(String keyVar, String valueVar, Expression collection, Expression keyExpr, Expression valueExpr, Expression condition, boolean grouping, SourceRange range, SourceRange openRange) implements Expression {
    /** Whether this is the object form, which has a key expression. */
    public boolean isObject() {
        return keyExpr != null;
    }
}
