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

    /**
     * Plans and applies in one session; returns the apply result. After an apply of the whole
     * configuration that succeeded, planning again must find nothing to do and no drift: every
     * fixture an engine test applies is checked for the false changes a CI gate would trip on.
     */
    public Session.Applied apply(PlanOptions options) {
        Session.Applied applied;
        try (Session s = open()) {
            Planner.Result r = s.plan(options);
            if (r.diagnostics().hasErrors()) {
                throw new AssertionError("plan failed:\n" + Configs.describe(r.diagnostics()));
            }
            applied = s.apply(options, r, options.parallelism(), ApplyListener.NONE, new AtomicBoolean(),
                    new SnapshotInfo(0, Instant.now(), "test", "apply", null, null, "test"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (!applied.diagnostics().hasErrors() && options.targets().isEmpty() && options.replace().isEmpty()
                && options.mode() == dev.lockstep.planner.plan.PlanMode.NORMAL) {
            assertConverged();
        }
        return applied;
    }

    /** Plans again (with refresh) and fails when the plan has changes or finds drift. */
    public void assertConverged() {
        Planner.Result again = plan(PlanOptions.defaults());
        if (again.diagnostics().hasErrors()) {
            return; // the test is about those errors (an apply-time condition, say); it checks them itself
        }
        if (again.plan().hasChanges() || !again.plan().drift().isEmpty()) {
            StringBuilder b = new StringBuilder("planning right after a successful apply is not empty:");
            again.plan().changes().stream().filter(c -> c.action() != dev.lockstep.planner.plan.Action.NO_OP)
                    .forEach(c -> b.append("\n  ").append(c.action()).append(' ').append(c.address()));
            again.plan().outputs().stream().filter(o -> o.action() != dev.lockstep.planner.plan.Action.NO_OP)
                    .forEach(o -> b.append("\n  output ").append(o.action()).append(' ').append(o.name()));
            again.plan().drift().forEach(d -> b.append("\n  drift ").append(d.address()));
            throw new AssertionError(b.toString());
        }
    }
}
