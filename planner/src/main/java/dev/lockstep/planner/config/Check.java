package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import java.util.List;

/**
 * A {@code check "name" { assert { ... } }} block: assertions evaluated at the end of every plan
 * and apply, whose failures are warnings, never errors.
 *
 * @param asserts the {@code assert} blocks, at least one
 * @param range the block header, for diagnostics
 */
public record Check(String name, List<Condition> asserts, SourceRange range) {

    public Check {
        asserts = List.copyOf(asserts);
    }
}
