package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** Attribute and index steps applied to the result of another expression, such as {@code f(x).name}. */
public record RelativeTraversalExpr(Expression source, List<Traversal.Step> steps, SourceRange range) implements Expression {
    public RelativeTraversalExpr {
        steps = List.copyOf(steps);
    }
}
