package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** An object constructor {@code { key = value, ... }}. */
public record ObjectConsExpr(List<ObjectConsExpr.Item> items, SourceRange range) implements Expression {
    public ObjectConsExpr {
        items = List.copyOf(items);
    }

    /** One {@code key = value} (or {@code key: value}) item. */
    public record Item(Expression key, Expression value) {
    }
}
