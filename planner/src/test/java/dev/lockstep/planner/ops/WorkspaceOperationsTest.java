package dev.lockstep.planner.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.api.provider.RunSettings;
import dev.lockstep.planner.plan.Plan;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.testing.ApproveAll;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's front door, exercised as any caller would: open a workspace, run operations, read outcomes. */
class WorkspaceOperationsTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            variable "n" {
              type = number
            }
            resource "terraform_data" "a" {
              input = var.n
            }
            output "o" {
              value = terraform_data.a.output
            }
            """;

    private Workspace open() {
        Outcome<Workspace> o = Workspace.open(new Workspace.Request(dir, Map.of(), RunSettings.DEFAULTS,
                Workspace.NO_SANDBOX, ProviderLog.NONE));
        assertTrue(o.ok(), () -> Configs.describe(o.diagnostics()));
        return o.result();
    }

    private static VariableInputs vars(String... assignments) {
        return new VariableInputs(Map.of(), List.of(), List.of(assignments));
    }

    @Test
    void aMistakeInTheSettingsStopsTheOpenWithItsPosition() {
        Configs.write(dir, "main.hcl", """
                lockstep {
                  backend "local" {
                    pathh = "elsewhere"
                  }
                }
                """);
        Outcome<Workspace> o = Workspace.open(new Workspace.Request(dir, Map.of(), RunSettings.DEFAULTS,
                Workspace.NO_SANDBOX, ProviderLog.NONE));
        Outcome.Failed<Workspace> f = assertInstanceOf(Outcome.Failed.class, o);
        Diagnostic d = f.diagnostics().asList().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertNotNull(d.subject(), d.toString());
        assertEquals("main.hcl", d.subject().file());
        assertEquals(3, d.subject().start().line(), d.toString());
    }

    @Test
    void problemsOutsideTheSettingsDoNotStopStateCommands() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = var.undeclared
                }
                """);
        Outcome<State> s = open().state().current();
        assertTrue(s.ok(), () -> Configs.describe(s.diagnostics()));
        assertEquals(0, s.result().serial());
    }

    @Test
    void aFileThatDoesNotParseLeavesTheSettingsInDoubtSoStateCommandsFail() {
        Configs.write(dir, "main.hcl", "locals {\n  a = 1 +\n}\n");
        Outcome<State> s = open().state().current();
        Outcome.Failed<State> f = assertInstanceOf(Outcome.Failed.class, s);
        assertEquals("main.hcl", f.diagnostics().asList().get(0).subject().file());
    }

    @Test
    void aSavedPlanIsWrittenBesideTheConfigurationWithMode0600AndAppliesOnce() throws Exception {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        Outcome<Planned> p = ws.operations().plan(new PlanRequest(PlanOptions.defaults(), vars("n=2"), Duration.ZERO,
                Path.of("plan.out")));
        assertTrue(p.ok(), () -> Configs.describe(p.diagnostics()));
        Path file = dir.resolve("plan.out");
        assertEquals(file, p.result().savedTo());
        assertTrue(Files.isRegularFile(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        ApproveAll cb = new ApproveAll();
        Outcome<ApplyReport> a = ws.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                VariableInputs.none(), Duration.ZERO, false), cb);
        assertTrue(a.ok(), () -> Configs.describe(a.diagnostics()));
        assertEquals(0, cb.shown, "a saved plan is not shown again");
        assertEquals(1, a.result().succeeded());
        assertTrue(a.result().fromSavedPlan());
        assertTrue(Files.readString(ws.stateDir().resolve("audit.jsonl")).contains("terraform_data.a"),
                "the core records the audit event");
        // applying the same plan again: the state moved on
        Outcome<ApplyReport> again = ws.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                VariableInputs.none(), Duration.ZERO, false), cb);
        assertEquals(Refusal.PLAN_STALE, assertInstanceOf(Outcome.Refused.class, again).reason());
    }

    @Test
    void aVariableThatContradictsTheSavedPlanIsRefusedByName() {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        assertTrue(ws.operations().plan(new PlanRequest(PlanOptions.defaults(), vars("n=2"), Duration.ZERO,
                Path.of("plan.out"))).ok());
        Outcome<ApplyReport> a = ws.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                vars("n=3"), Duration.ZERO, false), new ApproveAll());
        Outcome.Refused<ApplyReport> r = assertInstanceOf(Outcome.Refused.class, a);
        assertEquals(Refusal.PLAN_STALE, r.reason());
        String text = Configs.describe(r.diagnostics());
        assertTrue(text.contains("Variable contradicts the saved plan") && text.contains("n = 2")
                && text.contains("--var n") && text.contains("3"), text);
        assertTrue(ws.state().current().result().resources().isEmpty(), "nothing was applied");
        // the same value is no contradiction
        Outcome<ApplyReport> same = ws.operations().apply(new ApplyRequest("apply", null, Path.of("plan.out"),
                vars("n=2"), Duration.ZERO, false), new ApproveAll());
        assertTrue(same.ok(), () -> Configs.describe(same.diagnostics()));
    }

    @Test
    void aMissingPlanFileFailsAndAnAlteredOneIsRefused() throws Exception {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        Outcome<?> missing = ws.operations().readPlan(Path.of("nope.plan"));
        assertInstanceOf(Outcome.Failed.class, missing);
        assertTrue(Configs.describe(missing.diagnostics()).contains("does not exist"));
        assertTrue(ws.operations().plan(new PlanRequest(PlanOptions.defaults(), vars("n=2"), Duration.ZERO,
                Path.of("plan.out"))).ok());
        Path file = dir.resolve("plan.out");
        Files.writeString(file, Files.readString(file).replace("\"mode\" : \"NORMAL\"", "\"mode\" : \"DESTROY\""));
        Outcome<?> altered = ws.operations().readPlan(Path.of("plan.out"));
        assertEquals(Refusal.PLAN_UNUSABLE, assertInstanceOf(Outcome.Refused.class, altered).reason());
        Files.createDirectory(dir.resolve("adir"));
        assertInstanceOf(Outcome.Failed.class, ws.operations().readPlan(Path.of("adir")));
    }

    @Test
    void aHeldLockIsARefusalNamingTheHolder() throws Exception {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        try (Lock held = new LocalBackend(ws.stateDir()).locker().acquire("someone else", Duration.ZERO)) {
            Outcome<Planned> p = ws.operations().plan(new PlanRequest(PlanOptions.defaults(), vars("n=1"),
                    Duration.ZERO, null));
            Outcome.Refused<Planned> r = assertInstanceOf(Outcome.Refused.class, p);
            assertEquals(Refusal.STATE_LOCKED, r.reason());
            assertTrue(Configs.describe(r.diagnostics()).contains(held.info().id()));
        }
    }

    @Test
    void stateEditsAreAuditedAndLeaveAHigherSerial() throws Exception {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        assertTrue(ws.operations().apply(new ApplyRequest("apply", PlanOptions.defaults(), null, vars("n=1"),
                Duration.ZERO, true), new ApproveAll()).ok());
        Outcome<StateOperations.Edited> e = ws.state().remove(List.of("terraform_data.a"), Duration.ZERO);
        assertTrue(e.ok(), () -> Configs.describe(e.diagnostics()));
        assertEquals(List.of("terraform_data.a"), e.result().changes());
        assertEquals(2, ws.state().current().result().serial());
        assertTrue(Files.readString(ws.stateDir().resolve("audit.jsonl")).contains("state rm"));
        Outcome<StateOperations.Edited> bad = ws.state().remove(List.of("not an address"), Duration.ZERO);
        assertInstanceOf(Outcome.Failed.class, bad);
    }

    @Test
    void unconfirmedApplyIsRefusedAndChangesNothing() {
        Configs.write(dir, "main.hcl", CONFIG);
        Workspace ws = open();
        ApproveAll no = new ApproveAll() {
            @Override
            public boolean confirm(Plan plan) {
                return false;
            }
        };
        Outcome<ApplyReport> a = ws.operations().apply(new ApplyRequest("apply", PlanOptions.defaults(), null,
                vars("n=1"), Duration.ZERO, false), no);
        assertEquals(Refusal.NOT_CONFIRMED, assertInstanceOf(Outcome.Refused.class, a).reason());
        assertEquals(1, no.shown);
        assertFalse(Files.exists(ws.stateDir().resolve("audit.jsonl")));
    }
}
