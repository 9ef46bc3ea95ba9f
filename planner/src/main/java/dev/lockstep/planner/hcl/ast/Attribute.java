package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** {@code name = expression} inside a body. */
public record Attribute(String name, Expression expr, SourceRange nameRange, SourceRange range) implements Body.BodyItem {
}
