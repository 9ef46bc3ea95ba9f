package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** An object constructor key: a bare identifier is the literal string {@code name}; anything else (or a parenthesised name) is evaluated. */
public record ObjectKeyExpr(Expression wrapped, String bareName, SourceRange range) implements Expression {
    /** Whether the key is a bare identifier, taken literally. */
    public boolean isBare() {
        return bareName != null;
    }
}
