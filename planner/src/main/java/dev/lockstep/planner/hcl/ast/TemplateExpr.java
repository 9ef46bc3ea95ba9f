package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/** A string template: literal parts and interpolated expressions, joined into a string. */
public record TemplateExpr(List<Expression> parts, SourceRange range) implements Expression {
    public TemplateExpr {
        parts = List.copyOf(parts);
    }

    /** Whether the template is a single literal string with no interpolation. */
    public boolean isLiteral() {
        return parts.size() == 1 && parts.get(0) instanceof LiteralExpr;
    }
}
