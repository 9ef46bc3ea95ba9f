package dev.lockstep.planner.engine;

import dev.lockstep.planner.plan.PlanOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.diag.Diagnostic;
import dev.lockstep.api.diag.Diagnostics;
import dev.lockstep.planner.hcl.Limits;
import dev.lockstep.planner.testing.Configs;
import dev.lockstep.planner.testing.Engine;
import dev.lockstep.planner.testing.MemoryBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** count and for_each expand to at most {@link Limits#INSTANCES} instances, and say so quickly. */
class ExpansionLimitTest {

    @TempDir
    Path dir;

    private Diagnostics plan(String config) {
        Configs.write(dir, "main.hcl", config);
        Engine e = new Engine(dir, new MemoryBackend());
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> e.planDiagnostics(PlanOptions.defaults()));
    }

    private static Diagnostic only(Diagnostics d, String summary) {
        List<Diagnostic> found = d.asList().stream().filter(x -> x.summary().equals(summary)).toList();
        assertEquals(1, found.size(), () -> Configs.describe(d));
        return found.get(0);
    }

    private static void assertAt(Diagnostic d, int line, int column) {
        assertTrue(d.isError());
        assertEquals(line, d.subject().start().line(), () -> Configs.describe(d));
        assertEquals(column, d.subject().start().column(), () -> Configs.describe(d));
    }

    @Test
    void hugeCountFailsQuicklyAtTheCountExpression() {
        Diagnostic d = only(plan("""
                resource "terraform_data" "a" {
                  count = 100000000
                  input = count.index
                }
                """), "Invalid count argument");
        assertAt(d, 2, 11);
        assertTrue(d.detail().contains("100000000 is more than the " + Limits.INSTANCES + " instances"), d.detail());
    }

    @Test
    void countBeyondTheIntegerRangeIsTheSameError() {
        Diagnostic d = only(plan("""
                resource "terraform_data" "a" {
                  count = 1e30
                }
                """), "Invalid count argument");
        assertAt(d, 2, 11);
        assertTrue(d.detail().contains("more than the " + Limits.INSTANCES + " instances"), d.detail());
    }

    @Test
    void hugeForEachFailsQuicklyAtTheForEachExpression() {
        // range() stops at 1024 values, so the set is built from two of them: 1000 x 50 keys
        Diagnostic d = only(plan("""
                resource "terraform_data" "a" {
                  for_each = toset(flatten([for i in range(1000) : [for j in range(50) : "${i}-${j}"]]))
                  input    = each.key
                }
                """), "Invalid for_each argument");
        assertAt(d, 2, 14);
        assertTrue(d.detail().contains("it has 50000 elements, more than the " + Limits.INSTANCES + " instances"),
                d.detail());
    }

    @Test
    void hugeForEachMapIsBoundedToo() {
        Diagnostic d = only(plan("""
                locals {
                  keys = flatten([for i in range(100) : [for j in range(101) : "k${i}-${j}"]])
                }
                data "echo_value" "d" {
                  for_each = { for k in local.keys : k => k }
                  input    = each.value
                }
                """), "Invalid for_each argument");
        assertAt(d, 5, 14);
        assertTrue(d.detail().contains("it has 10100 elements"), d.detail());
    }

    @Test
    void countAtTheLimitIsAccepted() {
        Configs.write(dir, "main.hcl", """
                resource "terraform_data" "a" {
                  count = %d
                  input = count.index
                }
                """.formatted(Limits.INSTANCES));
        Diagnostics d = Configs.validate(dir).diagnostics();
        assertFalse(d.hasErrors(), () -> Configs.describe(d));
    }
}
