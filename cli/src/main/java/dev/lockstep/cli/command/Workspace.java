package dev.lockstep.cli.command;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.cli.ExitCode;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.cli.render.DiagnosticPrinter;
import dev.lockstep.planner.engine.SandboxOverrides;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.Library;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.validate.ConfigValidator;
import dev.lockstep.sandbox.Sandbox;
import dev.lockstep.sandbox.SandboxSeed;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.local.LocalBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a command needs to work on one configuration directory: the directory, the provider
 * schemas, the state backend beside the configuration, and the shared ways of opening a session
 * and reporting failures with the right exit code.
 */
final class Workspace {

    private final Lockstep root;
    private final Path dir;
    private final Schemas schemas;
    private StateBackend backend;
    private final Map<String, String> environment = new java.util.HashMap<>(System.getenv());
    private dev.lockstep.planner.config.Settings settings;

    private Workspace(Lockstep root, Path dir, Schemas schemas) {
        this.root = root;
        this.dir = dir;
        this.schemas = schemas;
    }

    static Workspace open(Lockstep root) {
        return new Workspace(root, root.dir(), Schemas.discover());
    }

    Path dir() {
        return dir;
    }

    /** The state directory: {@code .lockstep} beside the configuration, or the backend's {@code path}. */
    Path stateDir() {
        return settings().stateDir();
    }

    /**
     * The configuration's lockstep settings, for commands that work on the state without planning
     * (state, lock, output, show). Problems elsewhere in the configuration do not matter here;
     * problems in the settings themselves do, and fall back to the defaults after a warning.
     */
    dev.lockstep.planner.config.Settings settings() {
        if (settings == null) {
            dev.lockstep.api.diag.Diagnostics d = new dev.lockstep.api.diag.Diagnostics();
            var config = new dev.lockstep.planner.config.ConfigLoader(d, dev.lockstep.planner.hcl.eval.EvalContext.of(
                    Map.of(), Map.of(), functionContext(true))).load(dir);
            settings = config.settings();
        }
        return settings;
    }

    private StateBackend backendFor(dev.lockstep.planner.config.Settings s) {
        if (backend == null) {
            settings = s;
            backend = new LocalBackend(s.stateDir(), LocalBackend.Options.defaults().withRetention(s.snapshots()));
        }
        return backend;
    }

    Schemas schemas() {
        return schemas;
    }

    StateBackend backend() {
        return backendFor(settings());
    }

    FunctionContext functionContext(boolean impureUnknown) {
        return new FunctionContext(dir, System.getenv(), impureUnknown);
    }

    ConfigValidator validator() {
        return new ConfigValidator(schemas, Library.all(functionContext(true)));
    }

    /** Opens a session; on failure prints why and returns null, with the exit code in {@code code[0]}. */
    Session session(String operation, VariableOptions vars, boolean lock, Duration lockTimeout, PrintWriter err,
            int[] code) {
        if (sandboxMode() && (!faultsValid(System.getenv("LOCKSTEP_SANDBOX_FAULTS"), "LOCKSTEP_SANDBOX_FAULTS", err)
                || !seedValid(err))) {
            code[0] = ExitCode.ERROR.code();
            return null;
        }
        SandboxOverrides sandbox = sandboxOverrides();
        try {
            Session.Opened o = Session.open(new Session.Request(dir, schemas, this::backendFor, vars.sources(),
                    Map.copyOf(environment),
                    sandbox, new dev.lockstep.cli.log.CliProviderLog("lockstep"), operation, lock, lockTimeout));
            if (o.session() == null) {
                sandbox.close();
            }
            Map<String, String> sources = o.session() != null ? o.session().config().sources() : Map.of();
            printDiagnostics(o.diagnostics(), sources, err);
            if (o.session() == null) {
                code[0] = ExitCode.ERROR.code();
            }
            return o.session();
        } catch (StateException e) {
            sandbox.close();
            code[0] = stateError(e, err);
            return null;
        }
    }

    /** Lets providers make plans that remove lockstep's own management rights (--allow-lockout). */
    void allowLockout(boolean allow) {
        if (allow) {
            environment.put("LOCKSTEP_ALLOW_LOCKOUT", "true");
        }
    }

    /** Whether --sandbox (or LOCKSTEP_SANDBOX=1) is in effect. */
    boolean sandboxMode() {
        String env = System.getenv("LOCKSTEP_SANDBOX");
        return root.sandbox() || (env != null && (env.equals("1") || env.equalsIgnoreCase("true")));
    }

    /**
     * The sandbox's data directory: {@code LOCKSTEP_SANDBOX_DIR} when set, else {@code sandbox} in
     * the state directory ({@code .lockstep/sandbox} beside the configuration).
     */
    Path sandboxDir() {
        String env = System.getenv("LOCKSTEP_SANDBOX_DIR");
        if (env != null && !env.isBlank()) {
            return dir.resolve(env);
        }
        return stateDir().resolve("sandbox");
    }

    /**
     * The sandbox of this configuration, seeded from its {@value SandboxSeed#FILE} when there is one
     * (check it first with {@link #seedValid}).
     */
    Sandbox newSandbox(int basePort, String faults) {
        return new Sandbox(sandboxDir(), basePort, faults).withSeed(SandboxSeed.find(dir).orElse(null));
    }

    /** Whether the configuration's sandbox seed, if any, is usable; prints where and why when it is not. */
    boolean seedValid(PrintWriter err) {
        try {
            SandboxSeed.find(dir);
            return true;
        } catch (SandboxSeed.Invalid e) {
            err.println(root.style().boldRed("error") + ": " + root.style().bold("Invalid sandbox seed"));
            err.println("  on " + e.where() + ": " + e.getMessage() + ".");
            err.println("  " + e.hint());
            err.flush();
            return false;
        }
    }

    /** Whether a fault specification is usable; prints why not (naming where it came from) when it is not. */
    boolean faultsValid(String spec, String origin, PrintWriter err) {
        String problem = Sandbox.faultsProblem(spec);
        if (problem == null) {
            return true;
        }
        err.println(root.style().boldRed("error") + ": " + root.style().bold("Invalid sandbox faults in " + origin));
        err.println("  " + problem + ". Faults are key=value settings separated by commas, such as "
                + "latency=50ms,burst429=3,5xx=0.05,seed=1; see docs/sandbox.md for every key.");
        err.flush();
        return false;
    }

    /**
     * Emulator overrides in sandbox mode (emulators start on first use), else none. Resolved when a
     * provider first asks, after the session has loaded the configuration: where the sandbox lives
     * depends on the configuration's settings (the state directory), and asking for them earlier
     * would load the whole configuration a second time.
     */
    SandboxOverrides sandboxOverrides() {
        if (!sandboxMode()) {
            return SandboxOverrides.NONE;
        }
        return new SandboxOverrides() {
            private SandboxOverrides resolved;

            private synchronized SandboxOverrides resolved() {
                if (resolved == null) {
                    resolved = resolveSandbox();
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

    private SandboxOverrides resolveSandbox() {
        var served = Sandbox.running(sandboxDir());
        if (served.isPresent()) {
            // a `lockstep sandbox serve` owns this sandbox's data: talk to its emulators
            Map<String, Map<String, String>> endpoints = served.get();
            return provider -> endpoints.getOrDefault(provider, Map.of());
        }
        Sandbox s = newSandbox(0, System.getenv("LOCKSTEP_SANDBOX_FAULTS"));
        return new SandboxOverrides() {
            @Override
            public Map<String, String> forProvider(String provider) {
                return s.overrides(provider);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    void printDiagnostics(Diagnostics d, Map<String, String> sources, PrintWriter err) {
        if (d.isEmpty()) {
            return;
        }
        Map<String, String> src = sources.isEmpty() ? sourcesOnDisk() : sources;
        new DiagnosticPrinter(src, root.style()).print(d, err);
    }

    private Map<String, String> sourcesOnDisk() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        try {
            for (Path p : dev.lockstep.planner.config.ConfigLoader.configFiles(dir)) {
                m.put(p.getFileName().toString(), java.nio.file.Files.readString(p));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no snippets then
        }
        return m;
    }

    /** Prints a state problem and returns its exit code: 4 when locked, else 1. */
    int stateError(StateException e, PrintWriter err) {
        if (e instanceof StateLockedException l) {
            err.println(root.style().boldRed("error") + ": " + root.style().bold("Error acquiring the state lock"));
            err.println("  The state is locked by another lockstep process. Lock info:");
            if (l.holder() != null) {
                err.println("    ID:        " + l.holder().id());
                err.println("    Who:       " + l.holder().who());
                err.println("    Operation: " + l.holder().operation());
                err.println("    Created:   " + l.holder().created());
                err.println("    Path:      " + l.holder().path());
                err.println("    Version:   " + l.holder().version());
                err.println("    PID:       " + l.holder().pid());
            }
            err.println("  Wait for it to finish (or retry with --lock-timeout 60s). If the holder died, its lock "
                    + "expires on its own; `lockstep force-unlock ID` removes it at once.");
            err.flush();
            return ExitCode.LOCKED.code();
        }
        err.println(root.style().boldRed("error") + ": " + root.style().bold("State error"));
        err.println("  " + e.getMessage());
        err.flush();
        return ExitCode.ERROR.code();
    }
}
