package dev.lockstep.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.ActionReason;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.Engine;
import dev.lockstep.planner.testing.MemoryBackend;
import dev.lockstep.state.State;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole plan/apply cycle on the built-in terraform_data resource. */
class TerraformDataEngineTest {

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();

    private Map<String, Action> actions(Engine e) {
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        Map<String, Action> out = new TreeMap<>();
        for (ResourceChange c : r.plan().changes()) {
            out.put(c.address().toString(), c.action());
        }
        return out;
    }

    @Test
    void createNoChangeUpdateReplaceDelete() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "one"
                }
                resource "terraform_data" "b" {
                  input = terraform_data.a.output
                }
                output "o" {
                  value = terraform_data.b.output
                }
                """);
        Engine e = new Engine(dir, backend);
        assertEquals(Map.of("terraform_data.a", Action.CREATE, "terraform_data.b", Action.CREATE), actions(e));
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertFalse(applied.diagnostics().hasErrors(), () -> Configs.describe(applied.diagnostics()));
        State s = applied.state();
        assertEquals(1, s.serial());
        assertEquals(2, s.resources().size());
        assertEquals(Value.string("one"), s.outputs().get("o").value());
        assertEquals(Value.string("one"), s.resource(ResourceAddress.managed("terraform_data", "b")).attributes()
                .get("output"));
        assertEquals(Map.of("terraform_data.a", Action.NO_OP, "terraform_data.b", Action.NO_OP), actions(e));

        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "two"
                }
                resource "terraform_data" "b" {
                  input            = terraform_data.a.output
                  triggers_replace = "v2"
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        ResourceChange b = r.plan().changes().get(1);
        assertEquals(Action.UPDATE, r.plan().changes().get(0).action());
        assertEquals(Action.DELETE_THEN_CREATE, b.action());
        assertEquals(ActionReason.REPLACE_BECAUSE_CANNOT_UPDATE, b.reason());
        assertEquals("triggers_replace", b.replacePaths().get(0).toString());
        assertEquals(1, r.plan().outputs().size());
        assertEquals(Action.DELETE, r.plan().outputs().get(0).action());
        e.apply(PlanOptions.defaults());
        assertEquals(Map.of("terraform_data.a", Action.NO_OP, "terraform_data.b", Action.NO_OP), actions(e));

        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "two"
                }
                """);
        assertEquals(Map.of("terraform_data.a", Action.NO_OP, "terraform_data.b", Action.DELETE), actions(e));
        State last = e.apply(PlanOptions.defaults()).state();
        assertEquals(1, last.resources().size());
        assertTrue(backend.journalLog.contains("remove terraform_data.b"), backend.journalLog.toString());
    }

    private static Value planned(Planner.Result r, String address, String attr) {
        for (ResourceChange c : r.plan().changes()) {
            if (c.address().toString().equals(address)) {
                return c.after().get(attr);
            }
        }
        throw new AssertionError("no change for " + address);
    }

    /** Terraform plans output as unknown whenever it is recomputed, and never for an unchanged input. */
    @Test
    void outputIsUnknownWheneverItWillBeRecomputed() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = { list = [1, 2], set = toset(["x"]), map = tomap({ k = "v" }), n = null, s = "one" }
                }
                resource "terraform_data" "b" {
                  input            = "b"
                  triggers_replace = ["t1"]
                }
                resource "terraform_data" "nothing" {
                }
                """);
        Engine e = new Engine(dir, backend);
        Planner.Result created = e.plan(PlanOptions.defaults());
        assertFalse(planned(created, "terraform_data.a", "output").isKnown());
        assertFalse(planned(created, "terraform_data.b", "output").isKnown());
        assertTrue(planned(created, "terraform_data.nothing", "output").isNull(), "null input: null output");
        e.apply(PlanOptions.defaults());
        assertEquals(Map.of("terraform_data.a", Action.NO_OP, "terraform_data.b", Action.NO_OP,
                "terraform_data.nothing", Action.NO_OP), actions(e));
        Planner.Result same = e.plan(PlanOptions.defaults());
        assertEquals(Value.string("b"), planned(same, "terraform_data.b", "output"));

        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = { list = [1, 2], set = toset(["x"]), map = tomap({ k = "v" }), n = null, s = "two" }
                }
                resource "terraform_data" "b" {
                  input            = "b"
                  triggers_replace = ["t2"]
                }
                resource "terraform_data" "nothing" {
                }
                """);
        Planner.Result changed = e.plan(PlanOptions.defaults());
        assertEquals(Action.UPDATE, changed.plan().changes().get(0).action());
        assertFalse(planned(changed, "terraform_data.a", "output").isKnown(), "input changed");
        assertEquals(Action.DELETE_THEN_CREATE, changed.plan().changes().get(1).action());
        assertFalse(planned(changed, "terraform_data.b", "output").isKnown(), "replaced");
        assertFalse(planned(changed, "terraform_data.b", "id").isKnown());
    }

    /**
     * The state keeps only keyed hashes of secrets, so the provider is shown the proposal's value
     * where its hash matches: an unchanged sensitive input is no change (it was a perpetual update
     * with output unknown), a changed one still is, and an unchanged sensitive trigger replaces nothing.
     */
    @Test
    void unchangedSecretsAreNoChange() {
        String config = """
                variable "pw" {
                  type      = string
                  default   = "%s"
                  sensitive = true
                }
                resource "terraform_data" "whole" {
                  input = var.pw
                }
                resource "terraform_data" "inside" {
                  input = { user = "%s", password = var.pw }
                }
                resource "terraform_data" "trigger" {
                  input            = "%s"
                  triggers_replace = var.pw
                }
                """;
        Configs.write(dir, "main.hcl", config.formatted("canary-1", "admin", "x"));
        Engine e = new Engine(dir, backend);
        e.apply(PlanOptions.defaults());
        assertEquals(Map.of("terraform_data.inside", Action.NO_OP, "terraform_data.trigger", Action.NO_OP,
                "terraform_data.whole", Action.NO_OP), actions(e));

        Configs.write(dir, "main.hcl", config.formatted("canary-1", "root", "y"));
        assertEquals(Map.of("terraform_data.inside", Action.UPDATE, "terraform_data.trigger", Action.UPDATE,
                "terraform_data.whole", Action.NO_OP), actions(e), "an unchanged sensitive trigger replaces nothing");
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertFalse(applied.diagnostics().hasErrors(), () -> Configs.describe(applied.diagnostics()));
        assertEquals(Map.of("terraform_data.inside", Action.NO_OP, "terraform_data.trigger", Action.NO_OP,
                "terraform_data.whole", Action.NO_OP), actions(e));

        Configs.write(dir, "main.hcl", config.formatted("canary-2", "root", "y"));
        assertEquals(Map.of("terraform_data.inside", Action.UPDATE, "terraform_data.trigger",
                Action.DELETE_THEN_CREATE, "terraform_data.whole", Action.UPDATE), actions(e));
    }
}
