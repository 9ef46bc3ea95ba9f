package dev.lockstep.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.OutputChange;
import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.Engine;
import dev.lockstep.planner.testing.MemoryBackend;
import dev.lockstep.state.OutputValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensitive root outputs are compared by keyed hash, as the apply recorded them: the same values
 * plan no output change right after the apply (also when the value comes from a resource secret
 * that the state keeps only as a hash), and a different value is an update.
 */
class SensitiveOutputEngineTest {

    private static final String CONFIG = """
            variable "secret" {
              default   = "%s"
              sensitive = true
            }
            resource "terraform_data" "one" {
              input = var.secret
            }
            resource "terraform_data" "counted" {
              count = 2
              input = "${var.secret}-${count.index}"
            }
            resource "terraform_data" "keyed" {
              for_each = toset(["a", "b"])
              input    = { key = each.key, secret = var.secret }
            }
            output "from_variable" {
              value     = var.secret
              sensitive = true
            }
            output "from_resource" {
              value     = terraform_data.one.output
              sensitive = true
            }
            output "from_count" {
              value     = terraform_data.counted[*].output
              sensitive = true
            }
            output "from_for_each" {
              value     = { for k, r in terraform_data.keyed : k => r.output.secret }
              sensitive = true
            }
            output "mixed" {
              value     = { plain = "x", secret = terraform_data.one.output, length = length(var.secret) }
              sensitive = true
            }
            """;

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();

    private Map<String, Action> outputActions(Engine e) {
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        Map<String, Action> out = new TreeMap<>();
        for (OutputChange c : r.plan().outputs()) {
            out.put(c.name(), c.action());
        }
        return out;
    }

    private static Map<String, Action> all(Action a) {
        Map<String, Action> m = new TreeMap<>();
        for (String n : new String[] {"from_variable", "from_resource", "from_count", "from_for_each", "mixed"}) {
            m.put(n, a);
        }
        return m;
    }

    @Test
    void sameValuesPlanNoOutputChangeRightAfterTheApply() {
        Configs.write(dir, "main.hcl", CONFIG.formatted("canary-one"));
        Engine e = new Engine(dir, backend);
        assertEquals(all(Action.CREATE), outputActions(e));
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertFalse(applied.diagnostics().hasErrors(), () -> Configs.describe(applied.diagnostics()));
        for (OutputValue o : applied.state().outputs().values()) {
            assertTrue(o.sensitive());
            assertTrue(o.value().isNull());
            assertNotNull(o.secretHash());
        }
        assertEquals(all(Action.NO_OP), outputActions(e));
        // a second apply changes nothing and records the same hashes
        Session.Applied again = e.apply(PlanOptions.defaults());
        assertEquals(applied.state().outputs(), again.state().outputs());
        assertEquals(all(Action.NO_OP), outputActions(e));
    }

    @Test
    void aDifferentValueIsAnOutputUpdate() {
        Configs.write(dir, "main.hcl", CONFIG.formatted("canary-one"));
        Engine e = new Engine(dir, backend);
        e.apply(PlanOptions.defaults());
        Configs.write(dir, "main.hcl", CONFIG.formatted("canary-two"));
        Map<String, Action> changed = outputActions(e);
        assertEquals(all(Action.UPDATE), changed);
        e.apply(PlanOptions.defaults());
        assertEquals(all(Action.NO_OP), outputActions(e));
    }

    @Test
    void onlyTheOutputsWhoseValueChangedAreUpdated() {
        String config = """
                variable "a" {
                  default   = "%s"
                  sensitive = true
                }
                variable "b" {
                  default   = "%s"
                  sensitive = true
                }
                resource "terraform_data" "a" {
                  input = var.a
                }
                resource "terraform_data" "b" {
                  input = var.b
                }
                output "a" {
                  value     = terraform_data.a.output
                  sensitive = true
                }
                output "b" {
                  value     = terraform_data.b.output
                  sensitive = true
                }
                """;
        Configs.write(dir, "main.hcl", config.formatted("canary-a", "canary-b"));
        Engine e = new Engine(dir, backend);
        e.apply(PlanOptions.defaults());
        Configs.write(dir, "main.hcl", config.formatted("canary-a", "canary-b2"));
        assertEquals(Map.of("a", Action.NO_OP, "b", Action.UPDATE), outputActions(e));
    }
}
