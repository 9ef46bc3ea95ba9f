package dev.lockstep.planner.engine;

import dev.lockstep.planner.plan.PlanOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.api.diag.Severity;
import dev.lockstep.planner.ops.Session;
import dev.lockstep.planner.plan.Action;
import dev.lockstep.planner.plan.PlanMode;
import dev.lockstep.planner.plan.ResourceChange;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.EchoProviderFactory;
import dev.lockstep.planner.testing.Engine;
import dev.lockstep.planner.testing.MemoryBackend;
import dev.lockstep.state.ResourceInstance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preconditions, postconditions, output preconditions and check blocks through the real planner
 * and applier, on terraform_data and the test-scope echo_value data source.
 */
class ConditionsEngineTest {

    private static final ResourceAddress A = ResourceAddress.managed("terraform_data", "a");
    private static final ResourceAddress B = ResourceAddress.managed("terraform_data", "b");

    @TempDir
    Path dir;

    private final MemoryBackend backend = new MemoryBackend();

    private Engine engine(String config) {
        Configs.write(dir, "main.hcl", config);
        return new Engine(dir, backend);
    }

    /** The one diagnostic with this summary; fails when there is none or more than one. */
    private static Diagnostic only(Diagnostics d, String summary) {
        List<Diagnostic> found = d.asList().stream().filter(x -> x.summary().equals(summary)).toList();
        assertEquals(1, found.size(), () -> "expected one \"" + summary + "\" in:\n" + Configs.describe(d));
        return found.get(0);
    }

    private static void assertAt(Diagnostic d, Severity severity, int line, int column) {
        assertEquals(severity, d.severity(), () -> Configs.describe(d));
        assertNotNull(d.subject(), () -> Configs.describe(d));
        assertEquals("main.hcl", d.subject().file());
        assertEquals(line, d.subject().start().line(), () -> Configs.describe(d));
        assertEquals(column, d.subject().start().column(), () -> Configs.describe(d));
    }

    private static Map<String, Action> actions(Planner.Result r) {
        Map<String, Action> out = new TreeMap<>();
        for (ResourceChange c : r.plan().changes()) {
            out.put(c.address().toString(), c.action());
        }
        return out;
    }

    private static final String PRECONDITION = """
            variable "env" {
              default = "%s"
            }
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                precondition {
                  condition     = var.env == "prod"
                  error_message = "Only prod may be deployed."
                }
              }
            }
            """;

    @Test
    void failingPreconditionFailsThePlanAndNothingIsPlannedForTheResource() {
        Engine e = engine(PRECONDITION.formatted("dev"));
        Planner.Result r = e.plan(PlanOptions.defaults());
        Diagnostic d = only(r.diagnostics(), "Resource precondition failed");
        assertEquals("Only prod may be deployed.", d.detail());
        assertAt(d, Severity.ERROR, 8, 23);
        assertTrue(r.plan().changes().isEmpty(), () -> actions(r).toString());
        assertTrue(backend.load().state().resources().isEmpty());
    }

    @Test
    void passingPreconditionPlansAndAppliesNormally() {
        Engine e = engine(PRECONDITION.formatted("prod"));
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertTrue(r.diagnostics().isEmpty(), () -> Configs.describe(r.diagnostics()));
        assertEquals(Map.of("terraform_data.a", Action.CREATE), actions(r));
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertTrue(applied.diagnostics().isEmpty(), () -> Configs.describe(applied.diagnostics()));
        assertNotNull(applied.state().resource(A));
    }

    @Test
    void postconditionOnSelfKnownAtPlanTimeFailsThePlan() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "short"
                  lifecycle {
                    postcondition {
                      condition     = length(self.input) > 10
                      error_message = "input must be longer than 10 characters, not ${self.input}."
                    }
                  }
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        Diagnostic d = only(r.diagnostics(), "Resource postcondition failed");
        assertEquals("input must be longer than 10 characters, not short.", d.detail());
        assertAt(d, Severity.ERROR, 5, 23);
    }

    private static final String POSTCONDITION_AFTER_APPLY = """
            resource "terraform_data" "a" {
              input = "x"
              lifecycle {
                postcondition {
                  condition     = self.output == "y"
                  error_message = "output is ${self.output}, not y."
                }
              }
            }
            resource "terraform_data" "b" {
              input = terraform_data.a.output
            }
            """;

    @Test
    void postconditionKnownOnlyAfterApplyFailsTheApplyWithTheObjectInState() {
        Engine e = engine(POSTCONDITION_AFTER_APPLY);
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        assertEquals(Action.CREATE, actions(r).get("terraform_data.a"));

        Session.Applied applied = e.apply(PlanOptions.defaults());
        Diagnostic d = only(applied.diagnostics(), "Resource postcondition failed");
        assertEquals("output is x, not y.", d.detail());
        assertAt(d, Severity.ERROR, 5, 23);
        assertEquals(1, applied.result().failed());
        ResourceInstance a = applied.state().resource(A);
        assertNotNull(a, "the object was created, so the state records it");
        assertEquals(ResourceInstance.Status.READY, a.status());
        assertNull(applied.state().resource(B), "what depends on the failed object is not applied");

        // now the condition is known at plan time, and it still fails
        Planner.Result again = e.plan(PlanOptions.defaults());
        assertEquals("output is x, not y.", only(again.diagnostics(), "Resource postcondition failed").detail());
    }

    @Test
    void preconditionUnknownAtPlanTimeOfAnUnchangedInstanceIsCheckedAtApply() {
        String config = """
                resource "terraform_data" "a" {
                  input = "%s"
                }
                resource "terraform_data" "b" {
                  input = "static"
                  lifecycle {
                    precondition {
                      condition     = terraform_data.a.output == "one"
                      error_message = "a must say one, not ${terraform_data.a.output}."
                    }
                  }
                }
                """;
        Engine e = engine(config.formatted("one"));
        Session.Applied first = e.apply(PlanOptions.defaults());
        assertTrue(first.diagnostics().isEmpty(), () -> Configs.describe(first.diagnostics()));

        Configs.write(dir, "main.hcl", config.formatted("two"));
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        assertEquals(Map.of("terraform_data.a", Action.UPDATE, "terraform_data.b", Action.NO_OP), actions(r));

        Session.Applied applied = e.apply(PlanOptions.defaults());
        Diagnostic d = only(applied.diagnostics(), "Resource precondition failed");
        assertEquals("a must say one, not two.", d.detail());
        assertAt(d, Severity.ERROR, 8, 23);
    }

    @Test
    void outputPreconditionFailsThePlan() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "bad"
                }
                output "o" {
                  value = terraform_data.a.input
                  precondition {
                    condition     = terraform_data.a.input != "bad"
                    error_message = "The output must not be bad."
                  }
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        Diagnostic d = only(r.diagnostics(), "Module output value precondition failed");
        assertEquals("The output must not be bad.", d.detail());
        assertAt(d, Severity.ERROR, 7, 21);
    }

    @Test
    void outputPreconditionUnknownAtPlanTimeFailsTheApplyAndTheOutputIsNotRecorded() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "bad"
                }
                output "o" {
                  value = terraform_data.a.output
                  precondition {
                    condition     = terraform_data.a.output != "bad"
                    error_message = "The output must not be bad."
                  }
                }
                output "fine" {
                  value = "ok"
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertEquals("The output must not be bad.",
                only(applied.diagnostics(), "Module output value precondition failed").detail());
        assertNotNull(applied.state().resource(A));
        assertNull(applied.state().outputs().get("o"));
        assertNotNull(applied.state().outputs().get("fine"));
    }

    @Test
    void failingCheckAssertionIsAWarningAtPlanAndApply() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "sick"
                }
                check "health" {
                  assert {
                    condition     = terraform_data.a.input == "healthy"
                    error_message = "a is ${terraform_data.a.input}."
                  }
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        Diagnostic d = only(r.diagnostics(), "Check block assertion failed");
        assertEquals("a is sick.", d.detail());
        assertAt(d, Severity.WARNING, 6, 21);
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertFalse(applied.diagnostics().hasErrors(), () -> Configs.describe(applied.diagnostics()));
        assertEquals(Severity.WARNING, only(applied.diagnostics(), "Check block assertion failed").severity());
        assertNotNull(applied.state().resource(A));
    }

    @Test
    void checkAssertionUnknownAtPlanTimeIsKnownAfterApply() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "sick"
                }
                check "health" {
                  assert {
                    condition     = terraform_data.a.output == "healthy"
                    error_message = "a is ${terraform_data.a.output}."
                  }
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        assertAt(only(r.diagnostics(), "Check block assertion known after apply"), Severity.WARNING, 6, 21);
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertFalse(applied.diagnostics().hasErrors(), () -> Configs.describe(applied.diagnostics()));
        assertEquals("a is sick.", only(applied.diagnostics(), "Check block assertion failed").detail());
    }

    @Test
    void checkWithANestedDataBlockIsRejectedNotIgnored() {
        Configs.write(dir, "main.hcl", """
                check "health" {
                  data "echo_value" "probe" {
                    input = "x"
                  }
                  assert {
                    condition     = data.echo_value.probe.output == "x"
                    error_message = "probe failed"
                  }
                }
                check "empty" {
                }
                """);
        Diagnostics d = Configs.validate(dir).diagnostics();
        Diagnostic unsupported = only(d, "Unsupported block type");
        assertTrue(unsupported.detail().contains("data blocks inside a check block"), unsupported.detail());
        assertAt(unsupported, Severity.ERROR, 2, 3);
        assertAt(only(d, "Zero assert blocks"), Severity.ERROR, 10, 1);
    }

    @Test
    void conditionThatIsNotABoolIsAnError() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = "maybe"
                      error_message = "m"
                    }
                  }
                }
                resource "terraform_data" "b" {
                  input = "x"
                  lifecycle {
                    postcondition {
                      condition     = null
                      error_message = "m"
                    }
                  }
                }
                """);
        Diagnostics d = e.plan(PlanOptions.defaults()).diagnostics();
        List<Diagnostic> invalid = d.asList().stream().filter(x -> x.summary().equals("Invalid condition result"))
                .toList();
        assertEquals(2, invalid.size(), () -> Configs.describe(d));
        assertAt(invalid.get(0), Severity.ERROR, 5, 23);
        assertEquals("Invalid condition result value: a bool is required.", invalid.get(0).detail());
        assertAt(invalid.get(1), Severity.ERROR, 14, 23);
        assertEquals("Condition expression must return either true or false, not null.", invalid.get(1).detail());
    }

    @Test
    void messageThatIsNotAStringIsAnError() {
        Engine e = engine("""
                output "o" {
                  value = 1
                  precondition {
                    condition     = false
                    error_message = ["not", "a", "string"]
                  }
                }
                """);
        Diagnostics d = e.plan(PlanOptions.defaults()).diagnostics();
        Diagnostic invalid = only(d, "Invalid error message");
        assertAt(invalid, Severity.ERROR, 5, 21);
        assertEquals("Unsuitable value for error message: string required.", invalid.detail());
        assertEquals(1, d.size(), "as in Terraform, the rule is not evaluated further: " + Configs.describe(d));
    }

    @Test
    void invalidCheckConditionIsAnErrorNotAWarning() {
        Engine e = engine("""
                check "c" {
                  assert {
                    condition     = 1
                    error_message = "m"
                  }
                }
                """);
        // a check block's failures are warnings, but an invalid condition is a mistake in the configuration
        assertAt(only(e.plan(PlanOptions.defaults()).diagnostics(), "Invalid condition result"), Severity.ERROR, 3,
                21);
    }

    @Test
    void sensitiveErrorMessageIsNotShown() {
        Engine e = engine("""
                variable "secret" {
                  default   = "hunter2"
                  sensitive = true
                }
                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = var.secret == "other"
                      error_message = "the secret is ${var.secret}"
                    }
                  }
                }
                """);
        Diagnostics d = e.plan(PlanOptions.defaults()).diagnostics();
        assertTrue(d.hasErrors());
        assertAt(only(d, "Error message refers to sensitive values"), Severity.WARNING, 10, 23);
        assertFalse(only(d, "Resource precondition failed").detail().contains("hunter2"));
        assertFalse(d.toString().contains("hunter2"), d::toString);
    }

    @Test
    void selfOutsideAPostconditionIsAnError() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    precondition {
                      condition     = self.input == "x"
                      error_message = "m"
                    }
                  }
                }
                """);
        assertAt(only(Configs.validate(dir).diagnostics(), "Invalid \"self\" reference"), Severity.ERROR, 5, 23);
    }

    @Test
    void validateChecksTheExpressionsOfConditions() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    postcondition {
                      condition     = self.nonexistent == "x"
                      error_message = "m"
                    }
                  }
                }
                check "c" {
                  assert {
                    condition     = nosuchfunction(terraform_data.a.input)
                    error_message = "m"
                  }
                }
                """);
        Diagnostics d = Configs.validate(dir).diagnostics();
        assertAt(only(d, "Unsupported attribute"), Severity.ERROR, 5, 27);
        assertAt(only(d, "Call to unknown function"), Severity.ERROR, 12, 21);
    }

    @Test
    void conditionsReferringToOtherResourcesOrderThem() {
        Engine e = engine("""
                resource "terraform_data" "b" {
                  input = "x"
                  lifecycle {
                    postcondition {
                      condition     = terraform_data.a.output == "ready"
                      error_message = "a is not ready"
                    }
                  }
                }
                resource "terraform_data" "a" {
                  input = "ready"
                }
                """);
        // b's postcondition needs a's output, so b is applied after a and the condition passes
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertTrue(applied.diagnostics().isEmpty(), () -> Configs.describe(applied.diagnostics()));
        assertNotNull(applied.state().resource(B));
    }

    @Test
    void refreshOnlyPlanReportsFailedConditionsAsWarnings() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "x"
                }
                """);
        assertFalse(e.apply(PlanOptions.defaults()).diagnostics().hasErrors());
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  input = "x"
                  lifecycle {
                    postcondition {
                      condition     = self.output == "y"
                      error_message = "output is not y"
                    }
                  }
                }
                """);
        assertEquals(Severity.ERROR, only(e.plan(PlanOptions.defaults()).diagnostics(),
                "Resource postcondition failed").severity());
        PlanOptions refreshOnly = new PlanOptions(PlanMode.REFRESH_ONLY, true, List.of(), List.of(), 10);
        Diagnostics d = e.plan(refreshOnly).diagnostics();
        assertFalse(d.hasErrors(), () -> Configs.describe(d));
        assertEquals(Severity.WARNING, only(d, "Resource postcondition failed").severity());
    }

    private static final String DATA_POSTCONDITION = """
            data "echo_value" "d" {
              input = "abc"
              lifecycle {
                postcondition {
                  condition     = self.output == "xyz"
                  error_message = "echo gave ${self.output}."
                }
              }
            }
            """;

    @Test
    void dataSourcePostconditionIsCheckedAfterTheRead() {
        Engine e = engine(DATA_POSTCONDITION);
        int reads = EchoProviderFactory.READS.get();
        Diagnostic d = only(e.plan(PlanOptions.defaults()).diagnostics(), "Resource postcondition failed");
        assertEquals("echo gave abc.", d.detail());
        assertAt(d, Severity.ERROR, 5, 23);
        assertEquals(reads + 1, EchoProviderFactory.READS.get());
    }

    @Test
    void dataSourcePreconditionStopsTheRead() {
        Engine e = engine("""
                data "echo_value" "d" {
                  input = "abc"
                  lifecycle {
                    precondition {
                      condition     = length("abc") > 5
                      error_message = "too short"
                    }
                  }
                }
                """);
        int reads = EchoProviderFactory.READS.get();
        assertAt(only(e.plan(PlanOptions.defaults()).diagnostics(), "Resource precondition failed"), Severity.ERROR,
                5, 23);
        assertEquals(reads, EchoProviderFactory.READS.get(), "no read after a failed precondition");
    }

    @Test
    void dataSourceReadDuringApplyChecksItsPostconditionThen() {
        Engine e = engine("""
                resource "terraform_data" "a" {
                  input = "abc"
                }
                data "echo_value" "d" {
                  input = terraform_data.a.output
                  lifecycle {
                    postcondition {
                      condition     = self.output == "xyz"
                      error_message = "echo gave ${self.output}."
                    }
                  }
                }
                """);
        Planner.Result r = e.plan(PlanOptions.defaults());
        assertFalse(r.diagnostics().hasErrors(), () -> Configs.describe(r.diagnostics()));
        assertEquals(Action.READ, actions(r).get("data.echo_value.d"));
        Session.Applied applied = e.apply(PlanOptions.defaults());
        assertEquals("echo gave abc.", only(applied.diagnostics(), "Resource postcondition failed").detail());
    }

    @Test
    void dataSourceLifecycleTakesOnlyConditions() {
        Configs.write(dir, "main.hcl", """
                data "echo_value" "d" {
                  input = "abc"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                """);
        assertAt(only(Configs.validate(dir).diagnostics(), "Unsupported argument"), Severity.ERROR, 4, 5);
    }
}
