package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** A reference starting from a name in scope, such as {@code var.region} or {@code kubernetes_namespace.team["a"].metadata}. */
public record ScopeTraversalExpr(Traversal traversal, SourceRange range) implements Expression {

}
