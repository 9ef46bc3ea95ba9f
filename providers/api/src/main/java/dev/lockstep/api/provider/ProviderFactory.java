package dev.lockstep.api.provider;

import dev.lockstep.api.schema.SchemaSource;

/**
 * A provider module's entry point, found with {@link java.util.ServiceLoader}. The factory itself
 * is light (name and schema); {@link #open} is where the provider's SDK classes are first loaded,
 * and it is only called for providers the configuration or state uses.
 */
public interface ProviderFactory extends SchemaSource {

    /**
     * Configures a provider instance from its {@code provider} block. Problems (missing
     * credentials, unreachable endpoint) are reported in the result's diagnostics, naming what
     * was tried; the instance is then null.
     */
    OpenResult open(ProviderConfig config);
}
