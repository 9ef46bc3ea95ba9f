package dev.lockstep.planner.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.planner.plan.PlanOptions;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.Engine;
import dev.lockstep.planner.testing.MemoryBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code output --raw}'s evaluation of a sensitive output: given when it can be, refused when it needs a secret lockstep does not keep. */
class OutputEvaluationTest {

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();

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

    @Test
    void aResourceSecretOutputCannotBeGivenAfterTheApplyButAVariableOneCan() {
        Configs.write(dir, "main.hcl", CONFIG.formatted("canary-one"));
        Engine e = new Engine(dir, backend);
        Session.Applied applied = e.apply(PlanOptions.defaults());
        try (Session s = e.open()) {
            var fromVariable = OutputEvaluation.evaluate(s, "from_variable",
                    applied.state().outputs().get("from_variable"));
            assertTrue(fromVariable.ok(), fromVariable.toString());
            assertEquals("canary-one", fromVariable.result().unmarkDeep().asString());
            var fromResource = OutputEvaluation.evaluate(s, "from_resource",
                    applied.state().outputs().get("from_resource"));
            assertTrue(fromResource instanceof Outcome.Failed, fromResource.toString());
            assertTrue(Configs.describe(fromResource.diagnostics()).contains("a secret lockstep does not keep"));
        }
    }
}
