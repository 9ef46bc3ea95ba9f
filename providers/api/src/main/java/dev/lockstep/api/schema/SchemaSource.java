package dev.lockstep.api.schema;

/**
 * The light-weight face of a provider module, found with {@link java.util.ServiceLoader}: its name
 * and schema. Implementations must not load SDK classes here, so that validating a configuration
 * (and {@code --help}) stays fast and works without the provider's dependencies being touched.
 */
public interface SchemaSource {

    /** The provider's name, such as {@code kubernetes}. */
    String name();

    /** The provider's schema; called at most once per process. */
    ProviderSchema schema();
}
