package dev.lockstep.planner.hcl.ast;

import dev.lockstep.api.diag.SourceRange;

/** Anything in a parsed file: every node knows the source range it was parsed from. */
public interface Node {
    SourceRange range();
}
