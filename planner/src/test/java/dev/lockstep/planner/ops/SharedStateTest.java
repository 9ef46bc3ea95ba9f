package dev.lockstep.planner.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.RunSettings;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.testing.ApproveAll;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.MemoryBackendFactory;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Lock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared backend through the front door: three checkouts of one configuration (a plan job, an
 * apply job, a drift job) on one store, and the settings' diagnostics.
 */
class SharedStateTest {

    @TempDir
    Path root;

    private final String name = UUID.randomUUID().toString();

    private String config(String extra) {
        return """
                lockstep {
                  backend "memory" {
                    name = "%s"
                    %s
                  }
                }
                variable "n" {
                  type = number
                }
                resource "terraform_data" "a" {
                  input = var.n
                }
                """.formatted(name, extra);
    }

    private Path checkout(String dirName, String text) {
        Path d = root.resolve(dirName);
        Configs.write(d, "main.hcl", text);
        return d;
    }

    private static Outcome<Workspace> open(Path d) {
        return Workspace.open(new Workspace.Request(d, Map.of(), RunSettings.DEFAULTS, Workspace.NO_SANDBOX,
                ProviderLog.NONE));
    }

    private static final ApplyCallbacks APPROVE = new ApproveAll();

    @Test
    void aPlanSavedByOneCheckoutIsAppliedByAnotherAndAThirdSeesNoDrift() throws Exception {
        Path planJob = checkout("plan", config(""));
        Path applyJob = checkout("apply", config(""));
        Path driftJob = checkout("drift", config(""));
        VariableInputs n = new VariableInputs(Map.of(), List.of(), List.of("n=2"));
        try (Workspace p = open(planJob).result()) {
            Outcome<Planned> planned = p.operations().plan(new PlanRequest(PlanOptions.defaults(), n, Duration.ZERO,
                    Path.of("plan.out")));
            assertTrue(planned.ok(), () -> Configs.describe(planned.diagnostics()));
            assertTrue(p.stateLocation().contains(name), p.stateLocation());
        }
        Files.copy(planJob.resolve("plan.out"), applyJob.resolve("plan.out"));
        try (Workspace a = open(applyJob).result()) {
            Outcome<ApplyReport> applied = a.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                    VariableInputs.none(), Duration.ZERO, false), APPROVE);
            assertTrue(applied.ok(), () -> Configs.describe(applied.diagnostics()));
            assertEquals(1, applied.result().succeeded());
        }
        assertTrue(Files.notExists(applyJob.resolve(".lockstep/state.json")), "nothing in the local directory");
        try (Workspace d = open(driftJob).result()) {
            Outcome<State> s = d.state().current();
            assertEquals(2, s.result().serial(), "the plan stored the new state's lineage as serial 1");
            assertEquals(1, s.result().resources().size());
            Outcome<Planned> again = d.operations().plan(new PlanRequest(PlanOptions.defaults(), n, Duration.ZERO, null));
            assertTrue(again.ok(), () -> Configs.describe(again.diagnostics()));
            assertTrue(!again.result().plan().hasChanges() && again.result().plan().drift().isEmpty(),
                    "the third checkout plans nothing");
            assertEquals(List.of("apply", "plan"), d.state().history().result().stream().map(i -> i.command()).toList());
        }
        // the saved plan applied once is stale for everyone
        try (Workspace a = open(planJob).result()) {
            Outcome<ApplyReport> again = a.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                    VariableInputs.none(), Duration.ZERO, false), APPROVE);
            assertEquals(Refusal.PLAN_STALE, assertInstanceOf(Outcome.Refused.class, again).reason());
        }
    }

    @Test
    void aHeldLockRefusesAnotherCheckoutAndNamesTheHolder() throws Exception {
        Path one = checkout("one", config(""));
        Path two = checkout("two", config(""));
        try (Lock held = MemoryBackendFactory.store(name).lease() == null ? null
                : new dev.lockstep.state.remote.RemoteBackend(MemoryBackendFactory.store(name),
                        dev.lockstep.state.remote.RemoteBackend.Options.defaults("/elsewhere")).locker()
                        .acquire("apply", Duration.ZERO)) {
            try (Workspace w = open(two).result()) {
                Outcome<Planned> p = w.operations().plan(new PlanRequest(PlanOptions.defaults(),
                        new VariableInputs(Map.of(), List.of(), List.of("n=1")), Duration.ZERO, null));
                Outcome.Refused<Planned> r = assertInstanceOf(Outcome.Refused.class, p);
                assertEquals(Refusal.STATE_LOCKED, r.reason());
                assertTrue(Configs.describe(r.diagnostics()).contains(held.info().id()));
                assertEquals(held.info().id(), w.state().lockHolder().result().orElseThrow().id());
            }
        }
        try (Workspace w = open(one).result()) {
            assertTrue(w.state().lockHolder().result().isEmpty());
        }
    }

    @Test
    void backendMistakesAreErrorsAtTheirPosition() {
        record Case(String extra, String summary) {
        }
        for (Case c : List.of(new Case("nmae = \"x\"", "Unsupported argument"),
                new Case("lock_duration = \"soon\"", "Invalid lock duration"),
                new Case("snapshots = 0", "Invalid snapshot count"),
                new Case("fail = var.n", "Variables not allowed"))) {
            Path d = checkout("bad" + Math.abs(c.extra.hashCode()), config(c.extra));
            Outcome<Workspace> o = open(d);
            Outcome.Failed<Workspace> f = assertInstanceOf(Outcome.Failed.class, o, c.extra);
            Diagnostic e = f.diagnostics().asList().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            assertEquals(c.summary, e.summary(), c.extra + ": " + Configs.describe(f.diagnostics()));
            assertEquals(4, e.subject().start().line(), c.extra);
        }
        Path unknown = checkout("unknown", config("").replace("backend \"memory\"", "backend \"consul\""));
        Outcome.Failed<Workspace> f = assertInstanceOf(Outcome.Failed.class, open(unknown));
        String text = Configs.describe(f.diagnostics());
        assertTrue(text.contains("Unsupported backend") && text.contains("\"memory\"") && text.contains("\"local\""), text);
    }

    @Test
    void anUnreachableStoreFailsStateCommandsWithItsMessage() {
        Path d = checkout("down", config("fail = true"));
        try (Workspace w = open(d).result()) {
            Outcome<State> s = w.state().current();
            Outcome.Failed<State> f = assertInstanceOf(Outcome.Failed.class, s);
            assertTrue(Configs.describe(f.diagnostics()).contains("is unreachable"), Configs.describe(f.diagnostics()));
        }
    }

    private static void applyN(Workspace w, String n) {
        Outcome<ApplyReport> a = w.operations().apply(new ApplyRequest("apply", PlanOptions.defaults(), null,
                new VariableInputs(Map.of(), List.of(), List.of("n=" + n)), Duration.ZERO, true), APPROVE);
        assertTrue(a.ok(), () -> Configs.describe(a.diagnostics()));
    }

    @Test
    void migrateCopiesTheLocalHistoryToTheSharedBackendAndRefusesAnotherLineage() throws Exception {
        String local = config("").replaceAll("(?s)lockstep \\{.*?\n\\}\n", "");
        Path d = checkout("team", local);
        try (Workspace w = open(d).result()) {
            applyN(w, "1");
            applyN(w, "2");
        }
        State before;
        try (Workspace w = open(d).result()) {
            before = w.state().current().result();
        }
        Configs.write(d, "main.hcl", config(""));
        try (Workspace w = open(d).result()) {
            Outcome<StateMigration.Migrated> m = w.state().migrate(null, Duration.ZERO);
            assertTrue(m.ok(), () -> Configs.describe(m.diagnostics()));
            assertEquals(before.serial(), m.result().serial());
            assertEquals(before, w.state().current().result());
            List<SnapshotInfoView> h = w.state().history().result().stream()
                    .map(i -> new SnapshotInfoView(i.serial(), i.command())).toList();
            assertEquals(before.serial(), h.get(0).serial());
            assertEquals("apply", h.get(0).command());
            assertEquals(before.serial(), h.size(), "every kept version was copied: " + h);
            Outcome<StateMigration.Migrated> again = w.state().migrate(null, Duration.ZERO);
            assertTrue(again.ok() && again.result().copied().isEmpty(), "already there: nothing copied");
            applyN(w, "3");
        }
        // a second, unrelated local state cannot be migrated over it
        Path other = checkout("other", local);
        try (Workspace w = open(other).result()) {
            applyN(w, "9");
        }
        Configs.write(other, "main.hcl", config(""));
        try (Workspace w = open(other).result()) {
            Outcome<StateMigration.Migrated> m = w.state().migrate(null, Duration.ZERO);
            String text = Configs.describe(m.diagnostics());
            assertTrue(!m.ok() && text.contains("already holds another state"), text);
        }
        // and back: a local configuration takes the shared state with --from
        Path back = checkout("back", local);
        Configs.write(back, "old.hcl.txt", "lockstep {\n  backend \"memory\" {\n    name = \"" + name + "\"\n  }\n}\n");
        Configs.write(back, "mixed.hcl.txt", "lockstep {\n  backend \"memory\" {\n    name = \"" + name
                + "\"\n  }\n}\nresource \"terraform_data\" \"x\" {}\n");
        try (Workspace w = open(back).result()) {
            Outcome<StateMigration.Migrated> mixed = w.state().migrate(Path.of("mixed.hcl.txt"), Duration.ZERO);
            String mixedText = Configs.describe(mixed.diagnostics());
            assertTrue(!mixed.ok() && mixedText.contains("Unexpected content") && mixedText.contains("mixed.hcl.txt:6:1"), mixedText);
            Outcome<StateMigration.Migrated> m = w.state().migrate(Path.of("old.hcl.txt"), Duration.ZERO);
            assertTrue(m.ok(), () -> Configs.describe(m.diagnostics()));
            assertEquals(before.serial() + 1, w.state().current().result().serial());
            assertTrue(Files.exists(back.resolve(".lockstep/state.json")));
        }
    }

    private record SnapshotInfoView(long serial, String command) {
    }
}
