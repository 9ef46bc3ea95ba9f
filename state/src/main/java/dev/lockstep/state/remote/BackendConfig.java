package dev.lockstep.state.remote;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link BackendFactory} opens its store with.
 *
 * @param settings the decoded {@code backend} block, an object of the factory's schema (attributes
 *     not set are null)
 * @param environment the process environment (credentials such as {@code AWS_PROFILE}, {@code KUBECONFIG})
 * @param configDir the configuration directory (relative paths are resolved against it)
 * @param sandbox in sandbox mode, the emulator endpoint and credentials to use instead of the
 *     settings' (the same overrides the provider of that system gets); empty otherwise
 * @param log where the store reports its requests
 */
public record BackendConfig(Value settings, Map<String, String> environment, Path configDir,
        Map<String, String> sandbox, ProviderLog log) {

    public BackendConfig {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        sandbox = sandbox == null ? Map.of() : Map.copyOf(sandbox);
    }
}
