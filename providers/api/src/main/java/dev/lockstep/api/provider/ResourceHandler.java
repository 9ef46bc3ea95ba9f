package dev.lockstep.api.provider;

import dev.lockstep.api.schema.ResourceSchema;

/**
 * Manages one resource type. A handler always reads (refresh needs it) and usually creates and
 * deletes; without {@link ResourceUpdater} every change replaces the object; without
 * {@link PlanCustomizer} the engine plans from the schema alone.
 */
public interface ResourceHandler extends ResourceReader {

    ResourceSchema schema();

    /**
     * Whether a replacement must create the new object before deleting the old one, whatever the
     * configuration's {@code create_before_destroy} says: for credentials (a token) whose consumers
     * must switch to the new value before the old one is revoked.
     */
    default boolean replaceCreatesFirst() {
        return false;
    }
}
