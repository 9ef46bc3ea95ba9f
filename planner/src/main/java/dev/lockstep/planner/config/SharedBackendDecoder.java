package dev.lockstep.planner.config;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.schema.BlockSchema;
import dev.lockstep.api.schema.SchemaBuilder;
import dev.lockstep.api.toolkit.DurationText;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.ast.Attribute;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import dev.lockstep.planner.hcl.ast.Expressions;
import dev.lockstep.planner.hcl.eval.EvalContext;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.schema.BodyDecoder;
import dev.lockstep.state.remote.BackendFactory;
import dev.lockstep.state.remote.RemoteBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Decodes a {@code backend "TYPE" { ... }} block of a shared backend against the schema its
 * {@link BackendFactory} declares, plus the arguments every shared backend takes
 * ({@code snapshots}, {@code lock_duration}). Like Terraform's backend blocks, the arguments are
 * constants: they are read before variables, by commands that load no configuration.
 */
final class SharedBackendDecoder {

    private static final EvalContext CONSTANTS = EvalContext.of(Map.of(), Map.of(), FunctionContext.defaults());

    private SharedBackendDecoder() {
    }

    /** The backend factories on the class path, by type. */
    static Map<String, BackendFactory> factories() {
        Map<String, BackendFactory> m = new TreeMap<>();
        for (BackendFactory f : ServiceLoader.load(BackendFactory.class)) {
            m.put(f.type(), f);
        }
        return m;
    }

    static Settings decode(Path configDir, Block b, Diagnostics diags, Map<String, String> environment) {
        String type = b.label(0);
        Map<String, BackendFactory> factories = factories();
        BackendFactory f = factories.get(type);
        if (f == null) {
            List<String> known = new ArrayList<>(List.of("local"));
            known.addAll(factories.keySet());
            diags.error("Unsupported backend", "The backend \"" + type + "\" is not available; lockstep keeps state in "
                    + String.join(", ", known.stream().map(k -> "\"" + k + "\"").toList()) + ". Terraform's "
                    + "other backends have no lockstep equivalent.", b.labels().get(0).range());
            return Settings.defaults(configDir);
        }
        int errors = diags.errorCount();
        refuseReferences(b.body(), diags);
        if (diags.errorCount() > errors) {
            return Settings.defaults(configDir);
        }
        BlockSchema schema = withCommon(f.schema());
        Value v = new BodyDecoder(diags).decode(b.body(), schema, CONSTANTS, b.typeRange());
        if (diags.errorCount() > errors || v == null) {
            return Settings.defaults(configDir);
        }
        if (environment != null) {
            check(f, v, environment, b, diags);
        }
        Attribute snapshotsAttr = b.body().attribute("snapshots");
        int snapshots = SettingsDecoder.snapshots(snapshotsAttr, RemoteBackend.Options.DEFAULT_RETENTION, diags);
        Duration lock = RemoteBackend.Options.DEFAULT_LOCK_DURATION;
        Value d = v.get("lock_duration");
        if (d != null && !d.isNull()) {
            try {
                lock = DurationText.parse(d.asString());
                if (lock.toMillis() < 1000) {
                    throw new IllegalArgumentException("\"" + d.asString() + "\" is shorter than a second; the lock is "
                            + "renewed every third of it.");
                }
            } catch (IllegalArgumentException e) {
                diags.error("Invalid lock duration", e.getMessage(), b.body().attribute("lock_duration").expr().range());
            }
        }
        Map<String, Value> own = new java.util.LinkedHashMap<>(v.attributes());
        own.remove("snapshots");
        own.remove("lock_duration");
        return new Settings(configDir.resolve(Settings.DEFAULT_STATE_DIR), snapshots,
                new Settings.Shared(type, Value.object(own), lock, b.typeRange()), null);
    }

    /** The factory's own checks, at the argument the message names (else at the block). */
    private static void check(BackendFactory f, Value v, Map<String, String> environment, Block b, Diagnostics diags) {
        Map<String, Value> own = new java.util.LinkedHashMap<>(v.attributes());
        own.remove("snapshots");
        own.remove("lock_duration");
        try {
            f.check(Value.object(own), environment);
        } catch (dev.lockstep.state.backend.StateException e) {
            String message = e.getMessage();
            dev.lockstep.api.diag.SourceRange at = b.typeRange();
            int first = Integer.MAX_VALUE;
            for (Body.BodyItem item : b.body().items()) {
                if (item instanceof Attribute a) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + a.name() + "\\b").matcher(message);
                    if (m.find() && m.start() < first) {
                        first = m.start();
                        at = a.expr().range();
                    }
                }
            }
            diags.error("Invalid backend configuration", message, at);
        }
    }

    private static BlockSchema withCommon(BlockSchema own) {
        SchemaBuilder.Body body = SchemaBuilder.body();
        own.attributes().values().forEach(body::add);
        own.blocks().values().forEach(body::add);
        body.add(SchemaBuilder.optional("snapshots", Type.NUMBER, "How many state versions to keep (default "
                + RemoteBackend.Options.DEFAULT_RETENTION + ")."));
        body.add(SchemaBuilder.optional("lock_duration", Type.STRING, "How long the lock lasts without renewal, "
                + "such as 30s (the default)."));
        return body.build();
    }

    /** Backend arguments are constants: a reference to a variable or anything else is an error. */
    private static void refuseReferences(Body body, Diagnostics diags) {
        for (Body.BodyItem item : body.items()) {
            if (item instanceof Attribute a && !Expressions.references(a.expr()).isEmpty()) {
                diags.error("Variables not allowed", "The backend argument \"" + a.name() + "\" must be a constant: "
                        + "the backend is read before variables (as in Terraform). Give credentials through the "
                        + "environment instead.", a.expr().range());
            } else if (item instanceof Block nb) {
                refuseReferences(nb.body(), diags);
            }
        }
    }
}
