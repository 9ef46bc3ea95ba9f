package dev.lockstep.planner.config;

import dev.lockstep.api.addr.ResourceAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded configuration: every {@code *.hcl} file of one directory, merged. Declarations keep
 * their expressions unevaluated; evaluation happens against a scope later.
 *
 * @param dir the configuration directory
 * @param sources file name to source text, for rendering diagnostics with snippets
 * @param settings the {@code lockstep} blocks' settings (state backend)
 * @param checks the {@code check} blocks by name
 * @param policies the {@code policy} blocks by id
 * @param waivers the {@code waiver} blocks by name
 */
public record Config(Path dir, Map<String, String> sources, Settings settings, List<ProviderBlock> providers,
        Map<String, Variable> variables, Map<String, Local> locals, Map<String, Output> outputs,
        Map<ResourceAddress, ResourceConfig> resources, Map<String, Check> checks, Map<String, PolicyBlock> policies,
        Map<String, PolicyBlock> waivers) {

    public Config {
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        providers = List.copyOf(providers);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        waivers = Collections.unmodifiableMap(new LinkedHashMap<>(waivers));
    }
}
