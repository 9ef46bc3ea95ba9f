package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** A tuple constructor {@code [a, b]}. */
public record TupleConsExpr(List<Expression> elements, SourceRange range) implements Expression {
    public TupleConsExpr {
        elements = List.copyOf(elements);
    }
}
