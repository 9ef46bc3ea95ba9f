package dev.lockstep.api.provider;

import java.util.Map;

/**
 * A configured provider instance. It hands out one handler per resource and data-source type;
 * each handler implements the capability interfaces ({@link ResourceReader}, {@link ResourceCreator},
 * {@link ResourceUpdater}, {@link ResourceDeleter}, {@link PlanCustomizer}, {@link ResourceImporter},
 * {@link UnmanagedLister}) that its type supports. Handlers are called from several threads at once.
 */
public interface Provider extends AutoCloseable {

    /** The handler for a managed resource type, or null if the provider has no such type. */
    ResourceHandler resource(String type);

    /** The handler for a data source type, or null. */
    DataSourceHandler dataSource(String type);

    /** API requests made so far, by endpoint ({@code GET /api/v1/namespaces/{ns}/roles}). */
    default Map<String, Long> requestCounts() {
        return Map.of();
    }

    /** Enumeration of objects no configuration manages, for {@code drift --unmanaged}; null if unsupported. */
    default UnmanagedLister unmanaged() {
        return null;
    }

    @Override
    default void close() {
    }
}
