package dev.lockstep.planner.testing;

import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test helper: opens sessions on a directory and a backend, plans and applies. */
public final class Engine {

    private final Path dir;
    private final StateBackend backend;

    public Engine(Path dir, StateBackend backend) {
        this.dir = dir;
        this.backend = backend;
    }

    public Session open() {
        try {
            Session.Opened o = Session.open(new Session.Request(dir, Schemas.discover(), settings -> backend,
                    VariableValues.Sources.none(), Map.of(), dev.lockstep.api.provider.SandboxOverrides.NONE,
                    ProviderLog.NONE, "test", true, Duration.ZERO));
            if (o.session() == null) {
                throw new AssertionError("session did not open:\n" + Configs.describe(o.diagnostics()));
            }
            return o.session();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The diagnostics of opening a session and planning: those of validation when the session
     * does not open, else those of the plan.
     */
    public dev.lockstep.api.diag.Diagnostics planDiagnostics(PlanOptions options) {
        try {
            Session.Opened o = Session.open(new Session.Request(dir, Schemas.discover(), settings -> backend,
                    VariableValues.Sources.none(), Map.of(), dev.lockstep.api.provider.SandboxOverrides.NONE,
                    ProviderLog.NONE, "test", true, Duration.ZERO));
            if (o.session() == null) {
                return o.diagnostics();
            }
            try (Session s = o.session()) {
                return s.plan(options).diagnostics();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public Planner.Result plan(PlanOptions options) {
        try (Session s = open()) {
            return s.plan(options);
        }
    }

    /** Plans and applies in one session; returns the apply result. */
    public Session.Applied apply(PlanOptions options) {
        try (Session s = open()) {
            Planner.Result r = s.plan(options);
            if (r.diagnostics().hasErrors()) {
                throw new AssertionError("plan failed:\n" + Configs.describe(r.diagnostics()));
            }
            return s.apply(options, r, options.parallelism(), ApplyListener.NONE, new AtomicBoolean(),
                    new SnapshotInfo(0, Instant.now(), "test", "apply", null, null, "test"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
