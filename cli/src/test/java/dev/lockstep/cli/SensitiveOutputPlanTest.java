package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sensitive output is compared by its keyed hash: right after an apply, a plan with the same
 * values is clean (exit 0 with --detailed-exitcode), and a different value is a change. Also when
 * the output comes from a resource secret that state keeps only as a hash.
 */
class SensitiveOutputPlanTest {

    private static final String SECRET = "canary-sec-7d21";

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "-C";
        all[1] = dir.toString();
        all[2] = "--no-color";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliTest.run(all);
    }

    private void assertNoCanaryUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET),
                        f.toString());
            }
        }
    }

    @Test
    void aVariableOutputIsCleanRightAfterTheApplyAndChangesWithTheValue() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "secret" {
                  sensitive = true
                }
                output "sec" {
                  value     = var.secret
                  sensitive = true
                }
                """);
        CliTest.Run applied = run("apply", "--auto-approve", "--var", "secret=" + SECRET);
        assertEquals(0, applied.code(), applied.out() + applied.err());
        CliTest.Run same = run("plan", "--detailed-exitcode", "--var", "secret=" + SECRET);
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("No changes."), same.out());
        CliTest.Run other = run("plan", "--detailed-exitcode", "--var", "secret=other-value");
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.out().contains("~ sec = (sensitive value)"), other.out());
        assertFalse((applied.out() + applied.err() + same.out() + other.out()).contains(SECRET));
        assertNoCanaryUnder(dir.resolve(".lockstep"));
    }

    @Test
    void anOutputOfAResourceSecretIsCleanRightAfterTheApplyAndChangesWithTheValue() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "secret" {
                  sensitive = true
                }
                resource "terraform_data" "x" {
                  input = var.secret
                }
                output "res" {
                  value     = terraform_data.x.output
                  sensitive = true
                }
                output "both" {
                  value     = { from_resource = terraform_data.x.output, from_variable = var.secret }
                  sensitive = true
                }
                """);
        CliTest.Run applied = run("apply", "--auto-approve", "--var", "secret=" + SECRET);
        assertEquals(0, applied.code(), applied.out() + applied.err());
        CliTest.Run same = run("plan", "--detailed-exitcode", "--var", "secret=" + SECRET);
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("No changes."), same.out());
        CliTest.Run other = run("plan", "--detailed-exitcode", "--var", "secret=other-value");
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.out().contains("~ res  = (sensitive value)"), other.out());
        assertTrue(other.out().contains("~ both = (sensitive value)"), other.out());
        // the resource's output exists only in the apply: it cannot be given later, and says why
        CliTest.Run raw = run("output", "--raw", "res", "--var", "secret=" + SECRET);
        assertEquals(1, raw.code(), raw.out() + raw.err());
        assertTrue(raw.err().contains("a secret lockstep does not keep"), raw.err());
        assertFalse((applied.out() + same.out() + other.out() + raw.out() + raw.err()).contains(SECRET));
        assertNoCanaryUnder(dir.resolve(".lockstep"));
    }

    @Test
    void aSavedPlanAppliedIsFollowedByACleanPlan() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "secret" {
                  sensitive = true
                }
                resource "terraform_data" "x" {
                  input = var.secret
                }
                output "res" {
                  value     = terraform_data.x.output
                  sensitive = true
                }
                """);
        Path plan = dir.resolve("p.plan");
        CliTest.Run planned = run("plan", "-o", plan.toString(), "--var", "secret=" + SECRET);
        assertEquals(0, planned.code(), planned.out() + planned.err());
        CliTest.Run applied = run("apply", plan.toString(), "--var", "secret=" + SECRET);
        assertEquals(0, applied.code(), applied.out() + applied.err());
        CliTest.Run same = run("plan", "--detailed-exitcode", "--var", "secret=" + SECRET);
        assertEquals(0, same.code(), same.out() + same.err());
    }

    @Test
    void anOutputOfASecretReadBackFromKubernetesIsCleanRightAfterTheApply() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "secret" {
                  sensitive = true
                }
                resource "kubernetes_secret" "s" {
                  metadata {
                    name      = "creds"
                    namespace = "default"
                  }
                  data = {
                    password = var.secret
                  }
                }
                output "data" {
                  value     = kubernetes_secret.s.data
                  sensitive = true
                }
                """);
        CliTest.Run applied = CliTest.onSandbox(dir, "apply", "--auto-approve", "--var", "secret=" + SECRET);
        assertEquals(0, applied.code(), applied.out() + applied.err());
        CliTest.Run same = CliTest.onSandbox(dir, "plan", "--detailed-exitcode", "--var", "secret=" + SECRET);
        assertEquals(0, same.code(), same.out() + same.err());
        CliTest.Run other = CliTest.onSandbox(dir, "plan", "--detailed-exitcode", "--var", "secret=other-value");
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.out().contains("~ data = (sensitive value)"), other.out());
        assertFalse((applied.out() + same.out() + other.out()).contains(SECRET));
    }
}
