package dev.lockstep.cli.command;

import dev.lockstep.api.provider.SandboxOverrides;
import dev.lockstep.cli.Lockstep;
import dev.lockstep.planner.ops.Workspace;
import dev.lockstep.sandbox.Sandbox;
import dev.lockstep.sandbox.SandboxSeed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox as the command line wires it: whether {@code --sandbox} (or LOCKSTEP_SANDBOX=1) is in
 * effect, where the emulators keep their data, checks of the seed and fault settings, and the
 * emulators handed to the core for a workspace.
 */
final class SandboxSupport {

    private final Lockstep root;
    private final Path dir;
    private final Path stateDir;

    SandboxSupport(Lockstep root, Path dir, Path stateDir) {
        this.root = root;
        this.dir = dir;
        this.stateDir = stateDir;
    }

    /** The sandbox of {@code -C DIR} (whose settings say where the state lives), or null after printing why not. */
    static SandboxSupport open(Lockstep root, picocli.CommandLine.Model.CommandSpec spec) {
        Workspace ws = new Invocation(root, spec).open();
        return ws == null ? null : new SandboxSupport(root, ws.dir(), ws.stateDir());
    }

    /** Whether --sandbox (or LOCKSTEP_SANDBOX=1) is in effect. */
    static boolean enabled(Lockstep root) {
        String env = root.environment().get("LOCKSTEP_SANDBOX");
        return root.sandbox() || (env != null && (env.equals("1") || env.equalsIgnoreCase("true")));
    }

    /** The emulators for the core: the running {@code sandbox serve}'s, or new ones (started on first use). */
    static Workspace.SandboxFactory factory(Lockstep root) {
        if (!enabled(root)) {
            return Workspace.NO_SANDBOX;
        }
        return stateDir -> new SandboxSupport(root, root.dir(), stateDir).overrides();
    }

    Path dir() {
        return dir;
    }

    Path stateDir() {
        return stateDir;
    }

    /**
     * The sandbox's data directory: {@code LOCKSTEP_SANDBOX_DIR} when set, else {@code sandbox} in
     * the state directory ({@code .lockstep/sandbox} beside the configuration).
     */
    Path sandboxDir() {
        String env = root.environment().get("LOCKSTEP_SANDBOX_DIR");
        if (env != null && !env.isBlank()) {
            return dir.resolve(env);
        }
        return stateDir.resolve("sandbox");
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

    /** Whether the sandbox settings (faults from the environment, the seed) are usable; prints why not. */
    static boolean usable(Lockstep root, PrintWriter err) {
        if (!enabled(root)) {
            return true;
        }
        SandboxSupport s = new SandboxSupport(root, root.dir(), root.dir());
        return s.faultsValid(root.environment().get("LOCKSTEP_SANDBOX_FAULTS"), "LOCKSTEP_SANDBOX_FAULTS", err)
                && s.seedValid(err);
    }

    private SandboxOverrides overrides() {
        var served = Sandbox.running(sandboxDir());
        if (served.isPresent()) {
            // a `lockstep sandbox serve` owns this sandbox's data: talk to its emulators
            Map<String, Map<String, String>> endpoints = served.get();
            return provider -> endpoints.getOrDefault(provider, Map.of());
        }
        Sandbox s = newSandbox(0, root.environment().get("LOCKSTEP_SANDBOX_FAULTS"));
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
}
