package dev.lockstep.cli.render;

import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.ResourceSchema;
import dev.lockstep.planner.schema.Schemas;

/**
 * The body schemas of resource and data source types, so that the text plan shows nested blocks
 * as blocks; a type with no known schema has all its values shown as attributes.
 */
@FunctionalInterface
public interface BodySchemas {

    /** No schema for any type. */
    BodySchemas NONE = (data, type) -> null;

    /** The body schema of a data source ({@code data}) or managed resource type, or null when unknown. */
    BlockSchema body(boolean data, String type);

    /** The schemas of a workspace's providers. */
    static BodySchemas of(dev.lockstep.planner.ops.Workspace ws) {
        return of(ws.schemas());
    }

    /** The schemas of the installed providers. */
    static BodySchemas of(Schemas schemas) {
        return (data, type) -> {
            ResourceSchema r = data ? schemas.dataSource(type) : schemas.resource(type);
            return r == null ? null : r.block();
        };
    }
}
