package dev.lockstep.planner.engine;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.OpenResult;
import dev.lockstep.api.provider.Provider;
import dev.lockstep.api.provider.ProviderConfig;
import dev.lockstep.api.provider.ProviderFactory;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.api.schema.ProviderSchema;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.ProviderBlock;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.planner.schema.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The providers one command uses, opened on first use from their {@code provider} blocks (or with
 * default settings when there is none) and closed at the end. Opening is where a provider's SDK is
 * first loaded, so providers the configuration and state do not use are never opened.
 */
public final class ProviderSet implements AutoCloseable {

    private final Schemas schemas;
    private final Config config;
    private final Map<String, String> environment;
    private final Path stateDir;
    private final SandboxOverrides sandbox;
    private final ProviderLog log;
    private final dev.lockstep.api.provider.RunSettings run;
    private final Map<String, Provider> open = new LinkedHashMap<>();
    private final Map<String, List<Diagnostic>> failed = new LinkedHashMap<>();

    /**
     * @param sandbox endpoint overrides for the sandbox ({@link SandboxOverrides#NONE} when not in sandbox mode)
     */
    public ProviderSet(Schemas schemas, Config config, Map<String, String> environment, Path stateDir,
            SandboxOverrides sandbox, ProviderLog log) {
        this(schemas, config, environment, stateDir, sandbox, log, dev.lockstep.api.provider.RunSettings.DEFAULTS);
    }

    /** @param run the user's choices for this run, handed to every provider opened */
    public ProviderSet(Schemas schemas, Config config, Map<String, String> environment, Path stateDir,
            SandboxOverrides sandbox, ProviderLog log, dev.lockstep.api.provider.RunSettings run) {
        this.run = run;
        this.schemas = schemas;
        this.config = config;
        this.environment = environment;
        this.stateDir = stateDir;
        this.sandbox = sandbox;
        this.log = log;
    }

    public Schemas schemas() {
        return schemas;
    }

    /**
     * The provider for a configuration key ({@code kubernetes} or {@code kubernetes.east}),
     * opening it if needed; null after reporting why it cannot be opened (once per key).
     */
    public synchronized Provider get(String key, EvalContext rootContext, Diagnostics diags) {
        Provider p = open.get(key);
        if (p != null) {
            return p;
        }
        if (failed.containsKey(key)) {
            return null;
        }
        String name = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        String alias = key.contains(".") ? key.substring(key.indexOf('.') + 1) : null;
        ProviderFactory f = schemas.factory(name);
        Diagnostics d = new Diagnostics();
        if (f == null) {
            d.error("Missing provider", "No provider named \"" + name + "\" is installed. Installed providers: "
                    + String.join(", ", schemas.providerNames()) + ".", null);
            return fail(key, d, diags);
        }
        ProviderSchema schema = schemas.provider(name);
        ProviderBlock block = null;
        for (ProviderBlock b : config.providers()) {
            if (b.key().equals(key)) {
                block = b;
            }
        }
        if (block == null && alias != null) {
            d.error("Reference to undeclared provider configuration", "There is no provider configuration \"" + key
                    + "\".", null);
            return fail(key, d, diags);
        }
        Value settings;
        if (block == null) {
            settings = Proposals.proposeNew(schema.config(), null);
        } else {
            List<Body.BodyItem> items = new ArrayList<>();
            for (Body.BodyItem item : block.body().items()) {
                if (!(item instanceof Attribute a && a.name().equals("alias"))) {
                    items.add(item);
                }
            }
            settings = new BodyDecoder(d).decode(new Body(items, block.body().range()), schema.config(), rootContext,
                    block.range());
            if (d.hasErrors()) {
                return fail(key, d, diags);
            }
        }
        Map<String, String> overrides = sandbox.forProvider(name);
        registerCredentials(settings, overrides);
        ProviderConfig pc = new ProviderConfig(name, alias, settings, environment, config.dir(), stateDir, overrides,
                log, run);
        OpenResult r = ProviderCalls.call("provider \"" + key + "\"", block == null ? null : block.range(), d,
                () -> f.open(pc), settings);
        if (r == null) {
            return fail(key, d, diags);
        }
        d.addAll(r.diagnostics());
        if (r.provider() == null || d.hasErrors()) {
            if (!d.hasErrors()) {
                d.error("Provider failed to start", "The provider \"" + key + "\" could not be configured.", null);
            }
            return fail(key, d, diags);
        }
        diags.addAll(d);
        open.put(key, r.provider());
        return r.provider();
    }

    /** Well-known credential variables whose values must never appear in any log line or message. */
    private static final List<String> CREDENTIAL_VARIABLES = List.of("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET",
            "VAULT_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "KUBE_TOKEN", "KUBE_PASSWORD");

    /**
     * Registers a provider's credentials with the scrubber before the provider runs: its sensitive
     * settings, sandbox credentials, and the credential environment variables.
     */
    private void registerCredentials(Value settings, Map<String, String> overrides) {
        dev.lockstep.api.log.SecretScrubber.register(settings);
        overrides.forEach((k, v) -> {
            String key = k.toLowerCase(java.util.Locale.ROOT);
            if (key.contains("token") || key.contains("secret") || key.contains("password")) {
                dev.lockstep.api.log.SecretScrubber.register(v);
            }
        });
        for (String var : CREDENTIAL_VARIABLES) {
            dev.lockstep.api.log.SecretScrubber.register(environment.get(var));
        }
    }

    private Provider fail(String key, Diagnostics d, Diagnostics diags) {
        failed.put(key, d.asList());
        diags.addAll(d);
        return null;
    }

    /** Request counts per provider key and endpoint, for benchmarks and debug output. */
    public synchronized Map<String, Map<String, Long>> requestCounts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        open.forEach((k, p) -> out.put(k, new TreeMap<>(p.requestCounts())));
        return out;
    }

    @Override
    public synchronized void close() {
        for (Provider p : open.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                log.warn("closing provider failed: " + e.getClass().getSimpleName());
            }
        }
        open.clear();
    }
}
