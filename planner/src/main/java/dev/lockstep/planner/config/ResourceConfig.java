package dev.lockstep.planner.config;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.addr.ResourceMode;
import dev.lockstep.api.diag.SourceRange;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expression;
import dev.lockstep.planner.hcl.ast.Traversal;
import java.util.List;

/**
 * A {@code resource} or {@code data} block: its type and name, meta-arguments, and the body that
 * the provider's schema describes (meta-arguments removed).
 *
 * @param count the {@code count} expression, or null
 * @param forEach the {@code for_each} expression, or null
 * @param dependsOn explicit dependencies
 * @param provider the provider configuration key ({@code kubernetes} or {@code kubernetes.east}),
 *     or null for the default configuration of the type's provider
 * @param range the block header, for diagnostics
 */
public record ResourceConfig(ResourceMode mode, String type, String name, Expression count, Expression forEach,
        List<Traversal> dependsOn, String provider, Lifecycle lifecycle, Body body, SourceRange range) {

    public ResourceConfig {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The address of the resource as configured (no instance key). */
    public ResourceAddress address() {
        return new ResourceAddress(List.of(), mode, type, name, dev.lockstep.api.addr.InstanceKey.NONE);
    }

    /** The provider name implied by the type: the part before the first underscore. */
    public String impliedProvider() {
        int i = type.indexOf('_');
        return i < 0 ? type : type.substring(0, i);
    }
}
