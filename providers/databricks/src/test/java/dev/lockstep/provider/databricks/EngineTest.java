package dev.lockstep.provider.databricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.provider.ProviderLog;
import dev.lockstep.planner.config.VariableValues;
import dev.lockstep.planner.engine.Planner;
import dev.lockstep.planner.ops.Drift;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ApplyListener;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.schema.Schemas;
import dev.lockstep.planner.testing.MemoryBackend;
import dev.lockstep.state.backend.SnapshotInfo;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine (config loading, planning, applying, drift) with this provider against the emulator,
 * on a configuration that uses every resource type and data source: apply, an empty plan after it,
 * drift and unmanaged access found after out-of-band changes, and a clean destroy.
 */
class EngineTest extends EmulatorTest {

    @TempDir
    Path dir;

    final MemoryBackend backend = new MemoryBackend();

    Session open() throws Exception {
        Session.Opened o = Session.open(new Session.Request(dir, Schemas.of(new DatabricksProviderFactory()), settings -> backend,
                VariableValues.Sources.none(), Map.of(), provider -> provider.equals("databricks") ? Map.of("host",
                        emulator.baseUri().toString(), "token", emulator.adminToken()) : Map.of(), ProviderLog.NONE,
                "test", true,
                Duration.ZERO));
        if (o.session() == null) {
            throw new AssertionError(o.diagnostics().toString());
        }
        return o.session();
    }

    static PlanOptions options(PlanMode mode) {
        return new PlanOptions(mode, true, List.of(), List.of(), 4);
    }

    Planner.Result plan(PlanMode mode) throws Exception {
        try (Session s = open()) {
            Planner.Result r = s.plan(options(mode));
            assertFalse(r.diagnostics().hasErrors(), () -> "plan: " + r.diagnostics());
            return r;
        }
    }

    Diagnostics apply(PlanMode mode) throws Exception {
        try (Session s = open()) {
            Planner.Result r = s.plan(options(mode));
            assertFalse(r.diagnostics().hasErrors(), () -> "plan: " + r.diagnostics());
            Session.Applied a = s.apply(options(mode), r, 4, ApplyListener.NONE, new AtomicBoolean(),
                    new SnapshotInfo(0, Instant.now(), "test", "apply", null, null, "test"));
            return a.diagnostics();
        }
    }

    static List<String> changes(Planner.Result r) {
        return r.plan().changes().stream().filter(c -> c.action() != Action.NO_OP)
                .map(c -> c.address() + " " + c.action() + " " + c.changedPaths()).collect(Collectors.toList());
    }

    @Test
    void everyTypeAppliesPlansEmptyDetectsDriftAndDestroys() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/e2e/main.hcl")) {
            Files.write(dir.resolve("main.hcl"), in.readAllBytes());
        }
        Diagnostics applied = apply(PlanMode.NORMAL);
        assertFalse(applied.hasErrors(), applied::toString);

        assertEquals(List.of(), changes(plan(PlanMode.NORMAL)), "plan after apply is empty");

        String cluster = backend.load().state().resources().values().stream()
                .filter(r -> r.address().type().equals("databricks_cluster")).findFirst().orElseThrow().id();
        PermissionsTest.grant("clusters", cluster, "alice@example.com",
                com.databricks.sdk.service.iam.PermissionLevel.CAN_MANAGE);
        Planner.Result drifted = plan(PlanMode.NORMAL);
        assertTrue(drifted.plan().drift().stream().anyMatch(d -> d.address().toString()
                .equals("databricks_permissions.cluster")), "drift: " + drifted.plan().drift());
        ResourceChange fix = drifted.plan().changes().stream().filter(c -> c.address().toString()
                .equals("databricks_permissions.cluster")).findFirst().orElseThrow();
        assertEquals(Action.UPDATE, fix.action());
        assertTrue(fix.notes().stream().anyMatch(n -> n.contains("Revokes CAN_MANAGE") && n.contains("alice")),
                fix.notes().toString());

        // the folder's ACL is additive: a grant made by hand is no drift, but it is unmanaged access
        String folder = backend.load().state().resources().values().stream()
                .filter(r -> r.address().toString().equals("databricks_permissions.folder")).findFirst().orElseThrow()
                .id();
        PermissionsTest.grant("directories", folder.substring("/directories/".length()), "alice@example.com",
                com.databricks.sdk.service.iam.PermissionLevel.CAN_MANAGE);
        try (Session s = open()) {
            Drift.Report report = Drift.detect(s, true, 4);
            assertFalse(report.diagnostics().hasErrors(), report.diagnostics().toString());
            assertTrue(report.changes().stream().noneMatch(d -> d.address().toString().equals(
                    "databricks_permissions.folder")), "additive: not drift");
            assertTrue(report.unmanaged().stream().anyMatch(u -> u.object().identifier().equals("clusters/" + cluster
                    + ": user alice@example.com CAN_MANAGE") && u.object().severity()
                    == dev.lockstep.api.provider.UnmanagedLister.Severity.CRITICAL), "authoritative: drift, and "
                    + "unmanaged access too: " + report.unmanaged());
            assertTrue(report.unmanaged().stream().anyMatch(u -> u.object().identifier().equals(folder.substring(1)
                    + ": user alice@example.com CAN_MANAGE") && u.object().severity()
                    == dev.lockstep.api.provider.UnmanagedLister.Severity.CRITICAL), report.unmanaged().toString());
        }

        Diagnostics fixed = apply(PlanMode.NORMAL);
        assertFalse(fixed.hasErrors(), fixed::toString);
        assertEquals(List.of(), changes(plan(PlanMode.NORMAL)), "converged again");

        int clusters = emulator.count("clusters");
        Diagnostics destroyed = apply(PlanMode.DESTROY);
        assertFalse(destroyed.hasErrors(), destroyed::toString);
        assertTrue(backend.load().state().resources().values().stream().noneMatch(r -> !r.address().isData()),
                "nothing left in state");
        assertEquals(clusters - 1, emulator.count("clusters"));
        assertEquals(0, emulator.count("jobs"));
        assertEquals(0, emulator.count("scopes"));
    }

    /** The Terraform provider's documented token with its sensitive output: nothing to do after the apply. */
    @Test
    void terraformDocsTokenPlansEmptyAfterApply() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "resource \"databricks_token\" \"pat\" {\n"
                + "  comment  = \"Terraform Provisioning\"\n  // 100 day token\n  lifetime_seconds = 8640000\n}\n\n"
                + "output \"databricks_token\" {\n  value     = databricks_token.pat.token_value\n"
                + "  sensitive = true\n}\n");
        Diagnostics applied = apply(PlanMode.NORMAL);
        assertFalse(applied.hasErrors(), applied::toString);
        Planner.Result next = plan(PlanMode.NORMAL);
        assertEquals(List.of(), changes(next), "plan after apply is empty");
        assertEquals(List.of("databricks_token " + Action.NO_OP), next.plan().outputs().stream()
                .map(o -> o.name() + " " + o.action()).collect(Collectors.toList()), "the token's output is unchanged");
        assertFalse(next.plan().hasChanges(), "nothing to apply");

        // a replaced token is a new output value
        Files.writeString(dir.resolve("main.hcl"), Files.readString(dir.resolve("main.hcl"))
                .replace("Terraform Provisioning", "Terraform Provisioning 2"));
        OutputChange replaced = plan(PlanMode.NORMAL).plan().outputs().get(0);
        assertEquals(Action.UPDATE, replaced.action(), "a new token is a new output value");
    }

    /**
     * A job whose create succeeded but whose read-back met an outage: the state records it by id
     * (tainted, unknown attributes null) instead of losing it, so the next plan refreshes it and
     * replaces it, and exactly one job exists throughout.
     */
    @Test
    void aCreateThatFailsAfterTheObjectExistsIsRecordedTainted() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                provider "databricks" {
                  retry_timeout_seconds = 1
                }
                resource "databricks_job" "partial" {
                  name = "partial"
                  task {
                    task_key = "main"
                    new_cluster {
                      spark_version = "15.4.x-scala2.12"
                      node_type_id  = "i3.xlarge"
                      num_workers   = 1
                    }
                    notebook_task {
                      notebook_path = "/Shared/etl"
                    }
                  }
                }
                """);
        int jobs = emulator.count("jobs");
        emulator.outageAfterCreate();
        Diagnostics failed;
        try {
            failed = apply(PlanMode.NORMAL);
        } finally {
            emulator.faults().reset();
        }
        assertTrue(failed.hasErrors(), "the read after the create failed");
        assertFalse(failed.toString().contains("cannot be recorded"), failed::toString);
        assertEquals(jobs + 1, emulator.count("jobs"), "the job was created");
        dev.lockstep.state.ResourceInstance rec = backend.load().state().resources().values().stream()
                .filter(r -> r.address().toString().equals("databricks_job.partial")).findFirst().orElseThrow();
        assertEquals(dev.lockstep.state.ResourceInstance.Status.TAINTED, rec.status(), rec.toString());
        assertTrue(rec.id() != null && !rec.id().isEmpty(), "recorded by id: " + rec);
        assertTrue(rec.attributes().get("url").isNull(), "an attribute the create never learned is null: " + rec);
        assertTrue(new dev.lockstep.state.codec.StateCodec("test").encode(backend.load().state()).length > 0,
                "the state can be written");

        Planner.Result next = plan(PlanMode.NORMAL);
        ResourceChange c = next.plan().changes().get(0);
        assertEquals(dev.lockstep.planner.plan.ActionReason.REPLACE_BECAUSE_TAINTED, c.reason(), c.toString());
        assertEquals(rec.id(), c.before().get("id").asString(), "the next plan refreshed the recorded job");
        Diagnostics replaced = apply(PlanMode.NORMAL);
        assertFalse(replaced.hasErrors(), replaced::toString);
        assertEquals(jobs + 1, emulator.count("jobs"), "replaced, never duplicated");
        assertEquals(List.of(), changes(plan(PlanMode.NORMAL)));
    }
}
