package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Body;

/**
 * A {@code policy "ID" { ... }} or {@code waiver "NAME" { ... }} block, kept undecoded: what its
 * arguments mean depends on the policy catalogue, which {@code planner.policy} owns
 * (docs/policies.md).
 *
 * @param name the label: a policy id or a waiver name
 * @param body the block's body
 * @param range the block header, for diagnostics
 * @param labelRange the label, for diagnostics about the id
 */
public record PolicyBlock(String name, Body body, SourceRange range, SourceRange labelRange) {
}
