package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Expression;

/** One named value in a {@code locals} block. */
public record Local(String name, Expression expr, SourceRange range) {
}
