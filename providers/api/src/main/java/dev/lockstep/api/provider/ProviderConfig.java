package dev.lockstep.api.provider;

import dev.lockstep.api.value.Value;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider is opened with.
 *
 * @param name the provider name
 * @param alias the configuration's alias, or null
 * @param settings the decoded {@code provider} block (an object of the provider's config schema;
 *     attributes not set are null); may contain sensitive values
 * @param environment the process environment (credentials such as {@code DATABRICKS_TOKEN})
 * @param configDir the configuration directory
 * @param stateDir the {@code .lockstep} directory beside the configuration
 * @param sandbox overrides that point the provider at lockstep's loopback emulators, or null
 * @param log where the provider reports what it does (already scrubbed of secrets by the caller)
 * @param run the user's choices for this run that providers honour (such as {@code --allow-lockout})
 */
public record ProviderConfig(String name, String alias, Value settings, Map<String, String> environment,
        Path configDir, Path stateDir, Map<String, String> sandbox, ProviderLog log, RunSettings run) {

    public ProviderConfig {
        run = run == null ? RunSettings.DEFAULTS : run;
    }

    /** A configuration with the default run settings (every guard on). */
    public ProviderConfig(String name, String alias, Value settings, Map<String, String> environment,
            Path configDir, Path stateDir, Map<String, String> sandbox, ProviderLog log) {
        this(name, alias, settings, environment, configDir, stateDir, sandbox, log, RunSettings.DEFAULTS);
    }
}
