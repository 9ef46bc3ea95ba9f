package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.Config;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Applier;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.engine.ProviderSet;
import dev.lockstep.planner.graph.ConfigGraph;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.library.Library;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.SecretHasher;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command's work on one configuration: the validated configuration, its variables, the state
 * (locked when the command changes anything), and the providers it opens. Plans and applies go
 * through here; the command line only renders what comes back.
 */
public final class Session implements AutoCloseable {

    /** The state backend a configuration's settings name (opening a shared one can fail). */
    @FunctionalInterface
    public interface Backends {
        StateBackend open(dev.lockstep.planner.config.Settings settings) throws StateException;
    }

    /** How to open a session. */
    public record Request(Path dir, Schemas schemas,
            Backends backends,
            VariableValues.Sources variables,
            Map<String, String> environment, dev.lockstep.api.provider.SandboxOverrides sandbox, ProviderLog log,
            String operation, boolean lock, Duration lockTimeout, dev.lockstep.api.provider.RunSettings run,
            String planDigest) {

        public Request {
            run = run == null ? dev.lockstep.api.provider.RunSettings.DEFAULTS : run;
        }

        /** A request that applies no saved plan. */
        public Request(Path dir, Schemas schemas, Backends backends, VariableValues.Sources variables,
                Map<String, String> environment, dev.lockstep.api.provider.SandboxOverrides sandbox, ProviderLog log,
                String operation, boolean lock, Duration lockTimeout, dev.lockstep.api.provider.RunSettings run) {
            this(dir, schemas, backends, variables, environment, sandbox, log, operation, lock, lockTimeout, run, null);
        }

        /** A request with the default run settings (every guard on). */
        public Request(Path dir, Schemas schemas,
                Backends backends,
                VariableValues.Sources variables, Map<String, String> environment,
                dev.lockstep.api.provider.SandboxOverrides sandbox, ProviderLog log, String operation, boolean lock,
                Duration lockTimeout) {
            this(dir, schemas, backends, variables, environment, sandbox, log, operation, lock, lockTimeout, null);
        }
    }

    /** A session, or why it could not be opened. */
    public record Opened(Session session, Diagnostics diagnostics) {
    }

    private final Request request;
    private final Config config;
    private final ConfigGraph graph;
    private final Map<String, Value> variables;
    private final Map<String, Function> functions;
    private final FunctionContext functionContext;
    private final ProviderSet providers;
    private final Lock lock;
    private final StateBackend backend;
    private final String configDigest;
    private State state;
    private boolean recovered;

    private Session(Request request, ConfigValidator.Result v, Map<String, Function> functions,
            FunctionContext fctx, StateBackend backend, Lock lock, StateBackend.Loaded loaded) {
        this.request = request;
        this.backend = backend;
        this.config = v.config();
        this.graph = v.graph();
        this.variables = v.scope().variables();
        this.functions = functions;
        this.functionContext = fctx;
        this.lock = lock;
        this.state = loaded.state();
        this.recovered = loaded.recovered();
        this.configDigest = ConfigDigest.of(config);
        this.providers = new ProviderSet(request.schemas(), config, request.environment(),
                config.settings().stateDir(), request.sandbox(), request.log(), request.run());
    }

    /**
     * Validates the configuration, resolves variables (all required), takes the lock if asked,
     * and loads the state. Throws {@link StateException} (including
     * {@link dev.lockstep.state.backend.StateLockedException}) for state problems.
     */
    public static Opened open(Request r) throws StateException {
        FunctionContext fctx = new FunctionContext(r.dir(), r.environment(), true);
        Map<String, Function> functions = Library.all(fctx);
        ConfigValidator validator = new ConfigValidator(r.schemas(), functions);
        ConfigValidator.Result v = validator.validate(r.dir(), r.variables());
        Diagnostics diags = new Diagnostics().addAll(v.diagnostics());
        if (!v.valid()) {
            return new Opened(null, diags);
        }
        // variables for real: every required one must have a value now
        Diagnostics vd = new Diagnostics();
        Map<String, Value> vars = new VariableValues(v.config(), vd,
                dev.lockstep.planner.hcl.eval.EvalContext.of(Map.of(), functions, fctx)).resolve(r.variables(), true);
        diags.addAll(vd.deduplicated());
        if (vd.hasErrors()) {
            return new Opened(null, diags);
        }
        v.scope().setVariables(vars);
        StateBackend backend = r.backends().open(v.config().settings());
        Lock lock = r.lock() ? backend.locker().acquire(r.operation(), r.planDigest(), r.lockTimeout()) : null;
        try {
            StateBackend.Loaded loaded = backend.load();
            for (String w : loaded.warnings()) {
                diags.warning("State recovered", w, null);
            }
            return new Opened(new Session(r, v, functions, fctx, backend, lock, loaded), diags);
        } catch (StateException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    public Config config() {
        return config;
    }

    public ConfigGraph graph() {
        return graph;
    }

    public State state() {
        return state;
    }

    /** Whether loading replayed a journal left by an interrupted command. */
    public boolean recovered() {
        return recovered;
    }

    public String configDigest() {
        return configDigest;
    }

    public Map<String, Value> variables() {
        return variables;
    }

    public ProviderSet providers() {
        return providers;
    }

    public Lock lock() {
        return lock;
    }

    /** The state backend the configuration's settings chose. */
    public StateBackend backend() {
        return backend;
    }

    /**
     * Persists the state if it was never persisted (a new configuration), so that its lineage and
     * secret-hash key are fixed before a saved plan refers to them. Returns whether it wrote.
     */
    public boolean ensurePersisted(SnapshotInfo info) throws StateException {
        if (state.serial() > 0) {
            return false;
        }
        State first = state.withSerial(1);
        backend.persist(first, new SnapshotInfo(1, info.time(), info.user(), info.command(), null, info.gitCommit(),
                info.version()));
        state = first;
        return true;
    }

    /**
     * Stores a state recovered from an interrupted command's journal as a version of its own
     * (retiring the journal), for an apply that finds nothing left to do: without it the journal
     * would stay until the next change. Returns whether it wrote.
     */
    public boolean persistRecovered(SnapshotInfo info) throws StateException {
        if (!recovered) {
            return false;
        }
        backend.persist(state, new SnapshotInfo(state.serial(), info.time(), info.user(), "recover", null,
                info.gitCommit(), info.version()));
        recovered = false;
        return true;
    }

    /** An evaluation context over {@code scope} with the configuration's functions. */
    public dev.lockstep.planner.hcl.eval.EvalContext evalContext(dev.lockstep.planner.hcl.eval.RootScope scope) {
        return dev.lockstep.planner.hcl.eval.EvalContext.of(scope, functions, functionContext);
    }

    /** The planner's request for these options. */
    public Planner.Request planRequest(PlanOptions options) {
        return new Planner.Request(config, graph, state, variables, options, providers, functions, functionContext,
                configDigest);
    }

    public Planner.Result plan(PlanOptions options) {
        return Planner.plan(planRequest(options));
    }

    /** What an apply did and the state it left. */
    public record Applied(Applier.Result result, State state, Diagnostics diagnostics) {
    }

    /**
     * Applies a plan made in this session, journaling each result, then commits the new state
     * version (also after a failure or interruption, so every success is kept).
     */
    public Applied apply(PlanOptions options, Planner.Result planned, int parallelism, ApplyListener listener,
            AtomicBoolean cancelled, SnapshotInfo info) throws StateException {
        Diagnostics diags = new Diagnostics();
        Planner.Request req = planRequest(options);
        try (Journal journal = backend.journal(state)) {
            recordRefreshed(planned, journal);
            Applier.Result result = new Applier(req, planned, journal, parallelism, listener, cancelled).apply();
            diags.addAll(result.diagnostics());
            Map<String, OutputValue> outputs = outputs(req, planned, journal.current(), diags,
                    planned.plan().mode() == dev.lockstep.planner.plan.PlanMode.DESTROY);
            state = journal.commit(outputs, new SnapshotInfo(journal.current().serial() + 1, info.time(), info.user(),
                    info.command(), info.planDigest(), info.gitCommit(), info.version()));
            return new Applied(result, state, diags);
        }
    }

    /**
     * Brings an existing object under management at {@code address} (whose resource block must
     * exist) from its provider-specific {@code id}, and commits the new state version.
     */
    public Applied importInstance(dev.lockstep.api.addr.ResourceAddress address, String id, SnapshotInfo info)
            throws StateException {
        Diagnostics diags = new Diagnostics();
        var rc = config.resources().get(address.withoutKey());
        if (rc == null || address.isData()) {
            diags.error("Configuration for import target does not exist", "The configuration has no resource block "
                    + "for " + address.withoutKey() + ". Add one (with the object's settings) before importing, so that "
                    + "lockstep knows how to manage it.", null);
            return new Applied(null, state, diags);
        }
        if (state.resource(address) != null) {
            diags.error("Resource already managed by lockstep", address + " is already in the state. To import "
                    + "another object there, first remove it with `lockstep state rm " + address + "`.", rc.range());
            return new Applied(null, state, diags);
        }
        String key = rc.provider() != null ? rc.provider() : rc.impliedProvider();
        var root = dev.lockstep.planner.hcl.eval.EvalContext.of(new dev.lockstep.planner.scope.ConfigScope(config),
                functions, functionContext);
        var provider = providers.get(key, root, diags);
        if (provider == null) {
            return new Applied(null, state, diags);
        }
        var handler = provider.resource(address.type());
        if (!(handler instanceof dev.lockstep.api.provider.ResourceImporter importer)) {
            diags.error("Import not supported", "The provider \"" + key + "\" cannot import " + address.type()
                    + " objects.", rc.range());
            return new Applied(null, state, diags);
        }
        var resp = dev.lockstep.planner.engine.ProviderCalls.call(address.toString(), rc.range(), diags,
                () -> importer.importObject(id));
        if (resp == null) {
            return new Applied(null, state, diags);
        }
        diags.addAll(dev.lockstep.planner.engine.ProviderCalls.located(resp.diagnostics(), rc.range()));
        if (resp.state() == null || diags.hasErrors()) {
            return new Applied(null, state, diags);
        }
        var marked = dev.lockstep.planner.engine.Marks.markSchema(resp.state(), handler.schema().block());
        var redacted = dev.lockstep.planner.engine.Marks.redact(marked, new SecretHasher(state.hashKey()));
        java.time.Instant now = java.time.Instant.now();
        try (Journal journal = backend.journal(state)) {
            journal.put(new dev.lockstep.state.ResourceInstance(address, key, handler.schema().version(), resp.id(),
                    redacted.value(), redacted.hashes(), java.util.List.of(),
                    dev.lockstep.state.ResourceInstance.Status.READY, now, now));
            state = journal.commit(state.outputs(), new SnapshotInfo(state.serial() + 1, info.time(), info.user(),
                    info.command(), null, info.gitCommit(), info.version()));
        }
        return new Applied(null, state, diags);
    }

    /**
     * Records what refresh learned about instances the plan leaves alone: an object gone outside
     * lockstep is forgotten, an interrupted create that refresh found (by its name) is adopted,
     * and changes made outside lockstep are recorded, so the state always describes what exists.
     */
    private static void recordRefreshed(Planner.Result planned, Journal journal) throws StateException {
        State s = journal.current();
        SecretHasher hasher = new SecretHasher(s.hashKey());
        Map<dev.lockstep.api.addr.ResourceAddress, dev.lockstep.planner.plan.ResourceChange> changes =
                new java.util.HashMap<>();
        for (var c : planned.plan().changes()) {
            changes.put(c.address(), c);
        }
        for (var rec : s.resources().values()) {
            var c = changes.get(rec.address());
            if (c != null && c.action() != dev.lockstep.planner.plan.Action.NO_OP) {
                continue; // the apply itself records it
            }
            var now = planned.refreshed().get(rec.address());
            if (now == null) {
                continue; // not refreshed
            }
            if (now.value() == null) {
                if (c == null) {
                    journal.remove(rec.address());
                }
                continue;
            }
            var redacted = dev.lockstep.planner.engine.Marks.redact(now.value(), hasher);
            Map<dev.lockstep.api.value.AttributePath, String> hashes = new java.util.TreeMap<>(
                    dev.lockstep.planner.engine.Refresher.placeholderHashes(rec, now.value()));
            hashes.putAll(redacted.hashes());
            var status = rec.status() == dev.lockstep.state.ResourceInstance.Status.PENDING_CREATE
                    ? dev.lockstep.state.ResourceInstance.Status.READY : rec.status();
            boolean same = status == rec.status() && java.util.Objects.equals(now.id(), rec.id())
                    && redacted.value().equals(rec.attributes()) && hashes.equals(rec.secretHashes());
            if (!same) {
                journal.put(new dev.lockstep.state.ResourceInstance(rec.address(), rec.provider(), rec.schemaVersion(),
                        now.id(), redacted.value(), hashes, rec.dependencies(), status, rec.createdAt(),
                        java.time.Instant.now()));
            }
        }
    }

    private Map<String, OutputValue> outputs(Planner.Request req, Planner.Result planned, State current,
            Diagnostics diags, boolean destroy) {
        Map<String, OutputValue> out = new LinkedHashMap<>();
        if (destroy) {
            return out;
        }
        SecretHasher hasher = new SecretHasher(current.hashKey());
        Diagnostics od = new Diagnostics();
        Map<String, Value> values = Applier.outputs(req, planned, od);
        Map<String, Value> views = dev.lockstep.planner.engine.OutputViews.afterApply(req, planned, hasher);
        for (var o : config.outputs().values()) {
            Value v = values.get(o.name());
            if (v == null || !v.isWhollyKnown()) {
                continue;
            }
            if (o.sensitive() || v.containsSensitive()) {
                Value hashed = views.getOrDefault(o.name(), v);
                out.put(o.name(), new OutputValue(Value.nullOf(v.type()), true, hasher.hash(hashed)));
            } else {
                out.put(o.name(), new OutputValue(v, false, null));
            }
        }
        diags.addAll(od);
        return out;
    }

    @Override
    public void close() {
        // the lock is released whatever closing the providers or the sandbox throws
        try {
            providers.close();
        } finally {
            try {
                request.sandbox().close();
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
