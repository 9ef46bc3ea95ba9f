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
            output "from_variable" {
              value     = var.secret
              sensitive = true
            }
            output "from_resource" {
              value     = terraform_data.one.output
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
