package dev.lockstep.planner.hcl.ast;

/**
 * An HCL expression as parsed, kept as a tree so that it can be evaluated later against
 * different scopes (and so references, rather than values, flow into plans).
 */
public sealed interface Expression extends Node
        permits LiteralExpr, TemplateExpr, TemplateWrapExpr, TemplateForExpr, ScopeTraversalExpr, RelativeTraversalExpr,
        IndexExpr, SplatExpr, AnonSymbolExpr, FunctionCallExpr, ConditionalExpr, BinaryOpExpr, UnaryOpExpr,
        TupleConsExpr, ObjectConsExpr, ObjectKeyExpr, ForExpr, ParenthesesExpr {
}
