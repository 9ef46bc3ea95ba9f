package dev.lockstep.planner.ops;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.RunSettings;
import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.config.ConfigLoader;
import dev.lockstep.planner.config.Settings;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.state.BuildVersion;
import dev.lockstep.state.Identity;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.local.GitHead;
import dev.lockstep.state.local.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The front door of lockstep's engine: one configuration directory, its settings and its state
 * backend, and every workflow as an operation that returns an {@link Outcome} (docs/architecture.md).
 * Opening reads only the {@code lockstep} settings, so that a mistake there (a typo in the
 * {@code backend} block) stops every command instead of silently using the default state directory.
 * Paths given to operations are relative to the configuration directory, as with Terraform's
 * {@code -chdir}.
 */
public final class Workspace implements AutoCloseable {

    /**
     * How to open a workspace.
     *
     * @param dir the configuration directory
     * @param environment the process environment (credentials, {@code LOCKSTEP_VAR_*})
     * @param run the user's choices that providers honour
     * @param sandbox lockstep's emulators for a state directory, or {@link #NO_SANDBOX}
     * @param log where providers report what they do
     */
    public record Request(Path dir, Map<String, String> environment, RunSettings run, SandboxFactory sandbox,
            ProviderLog log) {
    }

    /** Starts lockstep's emulators for a workspace, given its state directory (where their data lives by default). */
    @FunctionalInterface
    public interface SandboxFactory {
        SandboxOverrides open(Path stateDir);
    }

    /** Real systems: no emulators. */
    public static final SandboxFactory NO_SANDBOX = stateDir -> SandboxOverrides.NONE;

    private final Request request;
    private final Schemas schemas;
    private final Settings settings;
    private final Map<String, String> sources;
    private final Diagnostics fileProblems;
    private StateBackend backend;
    private dev.lockstep.state.remote.RemoteStore store;
    private SandboxOverrides sandbox;
    private EncryptionSetup.Policies policies;

    private Workspace(Request request, Schemas schemas, Settings settings, Map<String, String> sources,
            Diagnostics fileProblems) {
        this.fileProblems = fileProblems;
        this.request = request;
        this.schemas = schemas;
        this.settings = settings;
        this.sources = sources;
    }

    /** Opens the workspace: reads the configuration's settings (an error in them fails the open). */
    public static Outcome<Workspace> open(Request r) {
        Diagnostics d = new Diagnostics();
        Diagnostics fileProblems = new Diagnostics();
        Map<String, String> sources = new LinkedHashMap<>();
        Path dir = r.dir().toAbsolutePath().normalize();
        Settings settings = new ConfigLoader(d, dev.lockstep.planner.hcl.eval.EvalContext.of(Map.of(), Map.of(),
                new dev.lockstep.planner.hcl.function.FunctionContext(dir, r.environment(), true)))
                .loadSettings(dir, sources, fileProblems, r.environment());
        if (d.hasErrors()) {
            return Outcome.failed(d.addAll(fileProblems));
        }
        if (settings.shared() != null && (settings.encryption() == null || settings.encryption().state() == null)) {
            d.warning("Shared state is not encrypted", "The state in the " + settings.shared().type() + " backend is "
                    + "readable by anyone who can read that " + (settings.shared().type().equals("s3") ? "bucket"
                    : "store") + ", and so is the key of its secret hashes, stored with them: they can test guesses "
                    + "of a low-entropy secret against its hash. Configure lockstep { encryption { ... } } with a "
                    + "state block (docs/encryption.md).", settings.shared().range());
        }
        Request normalized = new Request(dir, Map.copyOf(r.environment()), r.run(), r.sandbox(), r.log());
        return Outcome.succeeded(new Workspace(normalized, Schemas.discover(), settings, sources, fileProblems), d);
    }

    /**
     * Why the settings cannot be trusted (a configuration file that cannot be read or parsed), for
     * the operations that touch the state without loading the whole configuration; empty when they can.
     */
    Diagnostics settingsDoubts() {
        return fileProblems;
    }

    /** The configuration directory. */
    public Path dir() {
        return request.dir();
    }

    /** The state directory: {@code .lockstep} beside the configuration, or the backend block's {@code path}. */
    public Path stateDir() {
        return settings.stateDir();
    }

    /** The provider schemas (for renderers that draw nested blocks). */
    public Schemas schemas() {
        return schemas;
    }

    /** The configuration files' text by file name, for showing the lines diagnostics point at. */
    public Map<String, String> sources() {
        return sources;
    }

    /** A path argument, resolved against the configuration directory (as Terraform's -chdir does). */
    public Path resolve(Path p) {
        return dir().resolve(p).normalize();
    }

    /** Every workflow that plans or applies: {@code plan}, {@code apply}, {@code destroy}, {@code drift}, ... */
    public Operations operations() {
        return new Operations(this);
    }

    /** Signed approvals of saved plans: {@code approve}, and the check {@code show} and {@code apply} make. */
    public ApprovalOperations approvals() {
        return new ApprovalOperations(this);
    }

    /** The configuration's {@code lockstep} settings (backend, encryption, approvals). */
    public dev.lockstep.planner.config.Settings settings() {
        return settings;
    }

    /** The state workflows that need no configuration: {@code state}, {@code lock}, {@code output}. */
    public StateOperations state() {
        return new StateOperations(this);
    }

    Request request() {
        return request;
    }

    /** The state backend the settings name; a shared one is connected to on first use. */
    StateBackend backend() throws StateException {
        if (backend == null) {
            Settings.Shared shared = settings.shared();
            if (shared == null) {
                backend = new LocalBackend(settings.stateDir(), LocalBackend.Options.defaults()
                        .withRetention(settings.snapshots()).withEncryption(encryption().state()));
            } else {
                backend = SharedBackends.open(shared, settings.snapshots(), request, sandbox(), encryption().state(),
                        s -> store = s);
            }
        }
        return backend;
    }

    /** The encryption policies of state and plan files, resolved on first use (a secret store is read then). */
    EncryptionSetup.Policies encryption() throws StateException {
        if (policies == null) {
            policies = new EncryptionSetup(settings.encryption(), request.environment(), sandbox()).resolve();
        }
        return policies;
    }

    /** The encryption block as configured (null when there is none). */
    dev.lockstep.planner.config.EncryptionSettings settingsEncryption() {
        return settings.encryption();
    }

    /** Where the state lives, for messages: the local directory, or the shared backend's store. */
    public String stateLocation() {
        return store != null ? store.describe() : settings.shared() != null ? "the " + settings.shared().type()
                + " backend" : settings.stateDir().toString();
    }

    /** Disconnects from a shared backend and stops the sandbox's emulators, if any were started. */
    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    /** The workspace's sandbox (or none), for a second backend opened beside this one's. */
    SandboxOverrides sandboxOverrides() {
        return sandbox();
    }

    /** The snapshot metadata for a version a command writes now. */
    SnapshotInfo info(String command, String planDigest) {
        return new SnapshotInfo(0, Instant.now(), Identity.userAtHost(), command, planDigest,
                GitHead.commitOf(dir()).orElse(null), BuildVersion.get());
    }

    /**
     * Opens a session (the validated configuration, its variables, the state, locked when asked).
     * {@code fixed} are values already decided (a saved plan's).
     */
    Outcome<Session> session(String operation, VariableInputs vars, Map<String, Value> fixed, boolean lock,
            Duration lockTimeout) {
        return session(operation, vars, fixed, lock, lockTimeout, null);
    }

    /** As above, for applying the saved plan with digest {@code planDigest} (recorded in the lock info). */
    Outcome<Session> session(String operation, VariableInputs vars, Map<String, Value> fixed, boolean lock,
            Duration lockTimeout, String planDigest) {
        SandboxOverrides shared = sandbox();
        SandboxOverrides sandbox = shared == SandboxOverrides.NONE ? shared : shared::forProvider;
        try {
            Session.Opened o = Session.open(new Session.Request(dir(), schemas, s -> backend(),
                    new VariableValues.Sources(vars.environment(), vars.varFiles(), vars.assignments(), fixed),
                    request.environment(), sandbox, request.log(), operation, lock, lockTimeout, request.run(),
                    planDigest));
            if (o.session() == null) {
                if (o.diagnostics().asList().stream().anyMatch(d -> d.isError()
                        && d.summary().equals(VariableValues.CONTRADICTS_SAVED_PLAN))) {
                    return Outcome.refused(Refusal.PLAN_STALE, o.diagnostics());
                }
                return Outcome.failed(o.diagnostics());
            }
            sources.putAll(o.session().config().sources());
            return Outcome.succeeded(o.session(), o.diagnostics());
        } catch (StateException e) {
            return stateProblem(e);
        }
    }

    /** A state problem as an outcome: refused when the lock is held by another process, else failed. */
    static <T> Outcome<T> stateProblem(StateException e) {
        if (e instanceof StateLockedException l) {
            StringBuilder detail = new StringBuilder("The state is locked by another lockstep process.");
            if (l.holder() != null) {
                detail.append(" Lock info:\n  ID:        ").append(l.holder().id())
                        .append("\n  Who:       ").append(l.holder().who())
                        .append("\n  Operation: ").append(l.holder().operation())
                        .append(l.holder().planDigest() == null ? "" : "\n  Plan:      " + l.holder().planDigest())
                        .append("\n  Created:   ").append(l.holder().created())
                        .append("\n  Path:      ").append(l.holder().path())
                        .append("\n  Version:   ").append(l.holder().version())
                        .append("\n  PID:       ").append(l.holder().pid()).append('\n');
            }
            detail.append("\nWait for it to finish (or retry with --lock-timeout 60s). If the holder died, its lock "
                    + "expires on its own; `lockstep force-unlock ID` removes it at once.");
            return Outcome.refused(Refusal.STATE_LOCKED, "Error acquiring the state lock", detail.toString());
        }
        return Outcome.failed(new Diagnostics().add(dev.lockstep.api.diag.Diagnostic.error("State error",
                e.getMessage(), null).withCause(e)));
    }

    /**
     * The workspace's one sandbox, started when a provider (or a shared backend) first asks: where it
     * lives depends on the state directory, and systems the command does not use never start an
     * emulator. Sessions get a view that does not stop it; {@link #close} does, after the state
     * lock (which may live in the sandbox's Kubernetes or S3) has been released.
     */
    private synchronized SandboxOverrides sandbox() {
        if (request.sandbox() == NO_SANDBOX) {
            return SandboxOverrides.NONE;
        }
        if (sandbox == null) {
            sandbox = new SandboxOverrides() {
                private SandboxOverrides resolved;

                private synchronized SandboxOverrides resolved() {
                    if (resolved == null) {
                        resolved = request.sandbox().open(stateDir());
                    }
                    return resolved;
                }

                @Override
                public Map<String, String> forProvider(String provider) {
                    return resolved().forProvider(provider);
                }

                @Override
                public synchronized void close() {
                    if (resolved != null) {
                        resolved.close();
                    }
                }
            };
        }
        return sandbox;
    }
}
