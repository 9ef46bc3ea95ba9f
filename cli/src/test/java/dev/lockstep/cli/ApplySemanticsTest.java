package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.state.State;
import dev.lockstep.state.local.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply semantics through the command line: ordering, the parallelism bound, partial failure, prevent_destroy. */
class ApplySemanticsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        dev.lockstep.cli.testprovider.SlowObjectTracking.reset();
    }

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-C";
        all[args.length + 1] = dir.toString();
        return CliTest.run(all);
    }

    private void write(String hcl) throws Exception {
        Files.writeString(dir.resolve("main.hcl"), "provider \"slowtest\" {\n  store    = \"objects.json\"\n"
                + "  delay_ms = 30\n}\n" + hcl);
    }

    private JsonNode objects() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("objects.json").toFile());
    }

    private State state() throws Exception {
        return new LocalBackend(dir.resolve(".lockstep")).load().state();
    }

    @Test
    void dependenciesAreCreatedFirstAndDeletedLast() throws Exception {
        write("""
                resource "slowtest_object" "ns" {
                  name = "ns"
                }
                resource "slowtest_object" "role" {
                  name  = "role"
                  value = slowtest_object.ns.id
                }
                resource "slowtest_object" "binding" {
                  name  = "binding"
                  value = slowtest_object.role.id
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve", "--no-color");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("POST ns", "POST role", "POST binding"),
                dev.lockstep.cli.testprovider.SlowObjectTracking.calls());
        dev.lockstep.cli.testprovider.SlowObjectTracking.reset();
        CliTest.Run d = run("destroy", "--auto-approve", "--no-color");
        assertEquals(0, d.code(), d.err());
        assertEquals(List.of("DELETE binding", "DELETE role", "DELETE ns"),
                dev.lockstep.cli.testprovider.SlowObjectTracking.calls());
        assertEquals(0, objects().size());
        assertTrue(d.out().contains("Destroy complete! Resources: 3 destroyed."), d.out());
    }

    @Test
    void parallelismBoundIsRespected() throws Exception {
        write("""
                resource "slowtest_object" "o" {
                  count = 24
                  name  = "o-${count.index}"
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve", "--parallelism", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals(24, objects().size());
        int max = dev.lockstep.cli.testprovider.SlowObjectTracking.maxInFlight();
        assertTrue(max <= 3, "at most 3 calls at once, saw " + max);
        assertTrue(max >= 2, "calls did run in parallel, saw " + max);
    }

    @Test
    void aFailureStopsItsDependantsOnlyAndKeepsEverySuccess() throws Exception {
        write("""
                resource "slowtest_object" "bad" {
                  name = "bad"
                  fail = true
                }
                resource "slowtest_object" "child" {
                  name  = "child"
                  value = slowtest_object.bad.id
                }
                resource "slowtest_object" "independent" {
                  count = 3
                  name  = "ind-${count.index}"
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve", "--no-color");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Create refused"), r.err());
        assertTrue(r.out().contains("slowtest_object.child: not started"), r.out());
        assertEquals(3, objects().size(), "the independent branch finished");
        State s = state();
        assertEquals(1, s.serial());
        assertEquals(4, s.resources().size(), "3 created + the failed create left pending");
        assertTrue(s.resources().keySet().stream().noneMatch(a -> a.name().equals("child")));
        // the failure is fixed: one more apply converges
        write("""
                resource "slowtest_object" "bad" {
                  name = "bad"
                }
                resource "slowtest_object" "child" {
                  name  = "child"
                  value = slowtest_object.bad.id
                }
                resource "slowtest_object" "independent" {
                  count = 3
                  name  = "ind-${count.index}"
                }
                """);
        assertEquals(0, run("apply", "--auto-approve").code());
        assertEquals(5, objects().size());
        assertEquals(0, run("plan", "--detailed-exitcode").code());
    }

    @Test
    void preventDestroyRefusesThePlan() throws Exception {
        write("""
                resource "slowtest_object" "keep" {
                  name = "keep"
                  lifecycle {
                    prevent_destroy = true
                  }
                }
                """);
        assertEquals(0, run("apply", "--auto-approve").code());
        CliTest.Run d = run("destroy", "--auto-approve", "--no-color");
        assertEquals(1, d.code());
        assertTrue(d.err().contains("Instance cannot be destroyed"), d.err());
        assertEquals(1, objects().size());
        write("""
                resource "slowtest_object" "keep" {
                  name = "renamed"
                  lifecycle {
                    prevent_destroy = true
                  }
                }
                """);
        CliTest.Run p = run("plan", "--no-color");
        assertEquals(1, p.code(), "a replacement destroys too: " + p.out() + p.err());
        assertTrue(p.err().contains("Instance cannot be destroyed"), p.err());
    }

    @Test
    void secretValuesNeverReachStateOrAudit() throws Exception {
        write("""
                variable "pw" {
                  default   = "canary-7e1f-secret"
                  sensitive = true
                }
                resource "slowtest_object" "s" {
                  name   = "s"
                  secret = var.pw
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve", "--no-color");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("canary-7e1f"), r.out());
        try (var files = Files.walk(dir.resolve(".lockstep"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains("canary-7e1f"), f.toString());
            }
        }
        assertEquals("canary-7e1f-secret", objects().get("s").get("secret").asText(), "the provider got the value");
        assertEquals(0, run("plan", "--detailed-exitcode").code(), "unchanged secret: no diff");
        write("""
                variable "pw" {
                  default   = "canary-7e1f-rotated"
                  sensitive = true
                }
                resource "slowtest_object" "s" {
                  name   = "s"
                  secret = var.pw
                }
                """);
        CliTest.Run p = run("plan", "--detailed-exitcode", "--no-color");
        assertEquals(2, p.code(), "a changed secret is detected through its keyed hash");
        assertTrue(p.out().contains("~ secret = (sensitive value)"), p.out());
    }


    @Test
    void createBeforeDestroyKeepsTheOldObjectUntilDependantsSwitchedOver() throws Exception {
        write("""
                resource "slowtest_object" "token" {
                  name = "token-v1"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                resource "slowtest_object" "consumer" {
                  name  = "consumer"
                  value = slowtest_object.token.name
                }
                """);
        assertEquals(0, run("apply", "--auto-approve").code());
        dev.lockstep.cli.testprovider.SlowObjectTracking.reset();
        write("""
                resource "slowtest_object" "token" {
                  name = "token-v2"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                resource "slowtest_object" "consumer" {
                  name  = "consumer"
                  value = slowtest_object.token.name
                }
                """);
        CliTest.Run r = run("apply", "--auto-approve", "--no-color");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("POST token-v2", "PUT consumer", "DELETE token-v1"),
                dev.lockstep.cli.testprovider.SlowObjectTracking.calls(), "create, switch over, then delete");

        // a failure between the steps leaves the old object in place and recorded (deposed)
        dev.lockstep.cli.testprovider.SlowObjectTracking.reset();
        write("""
                resource "slowtest_object" "token" {
                  name = "token-v3"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                resource "slowtest_object" "consumer" {
                  name  = "consumer"
                  value = slowtest_object.token.name
                  fail  = true
                }
                """);
        CliTest.Run failed = run("apply", "--auto-approve", "--no-color");
        assertEquals(1, failed.code(), failed.out() + failed.err());
        assertTrue(objects().has("token-v2"), "the old object was not deleted");
        assertTrue(objects().has("token-v3"));
        assertTrue(state().resources().keySet().stream().anyMatch(a -> a.toString().contains("~deposed-")),
                state().resources().keySet().toString());
        write("""
                resource "slowtest_object" "token" {
                  name = "token-v3"
                  lifecycle {
                    create_before_destroy = true
                  }
                }
                resource "slowtest_object" "consumer" {
                  name  = "consumer"
                  value = slowtest_object.token.name
                }
                """);
        CliTest.Run p = run("plan", "--no-color");
        assertTrue(p.out().contains("the old object still has to be deleted"), p.out());
        assertEquals(0, run("apply", "--auto-approve").code());
        assertFalse(objects().has("token-v2"), "the deposed object is deleted by the next apply");
        assertEquals(0, run("plan", "--detailed-exitcode").code());
    }
}
