package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** The placeholder for the current element inside a splat's per-element expression. */
public record AnonSymbolExpr(SourceRange range) implements Expression {
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
