package dev.lockstep.planner.config;

import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Body;

/** A {@code provider "name" { ... }} block; {@code alias} is null for the default configuration. */
public record ProviderBlock(String name, String alias, Body body, SourceRange range) {

    /** {@code name} or {@code name.alias}, as resources refer to it. */
    public String key() {
        return alias == null ? name : name + "." + alias;
    }
}
