package dev.lockstep.api.provider;

import dev.lockstep.api.schema.ResourceSchema;

/**
 * Manages one resource type. A handler always reads (refresh needs it) and usually creates and
 * deletes; without {@link ResourceUpdater} every change replaces the object; without
 * {@link PlanCustomizer} the engine plans from the schema alone.
 */
public interface ResourceHandler extends ResourceReader {

    ResourceSchema schema();
}
