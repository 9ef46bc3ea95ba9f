package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** A function call; {@code expandFinal} is set for {@code f(a, xs...)}. */
public record FunctionCallExpr(String name, List<Expression> args, boolean expandFinal, SourceRange nameRange, SourceRange range) implements Expression {
    public FunctionCallExpr {
        args = List.copyOf(args);
    }
}
