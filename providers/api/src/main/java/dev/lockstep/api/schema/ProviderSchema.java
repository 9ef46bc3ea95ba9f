package dev.lockstep.api.schema;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a provider declares: the settings of its {@code provider} block and the schemas of
 * its resource and data-source types. Available without loading any SDK class.
 *
 * @param provider the provider's local name, which prefixes its type names ({@code kubernetes})
 * @param config the schema of the {@code provider "name" { ... }} block
 * @param resources managed resource types by type name (aliases included)
 * @param dataSources data source types by type name
 */
public record ProviderSchema(String provider, BlockSchema config, Map<String, ResourceSchema> resources,
        Map<String, ResourceSchema> dataSources) {

    public ProviderSchema {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
        dataSources = Collections.unmodifiableMap(new TreeMap<>(dataSources));
    }
}
