package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line over the engine's front door: path arguments relative to -C, a missing plan file
 * is a usage error (1) while an altered or contradicted one is refused (5), the state as JSON, and
 * settings errors stopping the commands that only read the state.
 */
class FrontDoorCliTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            provider "slowtest" {
              store = "objects.json"
            }
            variable "v" {
              default = "one"
            }
            resource "slowtest_object" "a" {
              name  = "a"
              value = var.v
            }
            output "value" {
              value = slowtest_object.a.value
            }
            """;

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "-C";
        all[1] = dir.toString();
        all[2] = "--no-color";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliTest.run(all);
    }

    @Test
    void planOutAndApplyFileAreRelativeToTheConfigurationDirectory() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        Path stray = Path.of("front-door-test.plan").toAbsolutePath();
        Files.deleteIfExists(stray);
        CliTest.Run p = run("plan", "-o", "front-door-test.plan");
        assertEquals(0, p.code(), p.err());
        assertTrue(Files.isRegularFile(dir.resolve("front-door-test.plan")), "written beside the configuration");
        assertFalse(Files.exists(stray), "not in the current directory");
        CliTest.Run show = run("show", "front-door-test.plan");
        assertEquals(0, show.code(), show.err());
        CliTest.Run a = run("apply", "front-door-test.plan");
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.out().contains("Apply complete! Resources: 1 added"), a.out());
    }

    @Test
    void aMissingPlanFileIsExit1AndAContradictingVariableIsRefused() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        CliTest.Run missing = run("apply", "/nonexistent/plan");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("/nonexistent/plan does not exist"), missing.err());
        assertEquals(0, run("plan", "-o", "p.plan", "--var", "v=two").code());
        CliTest.Run contradicted = run("apply", "p.plan", "--var", "v=three");
        assertEquals(5, contradicted.code(), contradicted.err());
        assertTrue(contradicted.err().contains("Variable contradicts the saved plan"), contradicted.err());
        assertTrue(contradicted.err().contains("v = \"two\"") && contradicted.err().contains("\"three\""),
                contradicted.err());
        assertFalse(Files.exists(dir.resolve("objects.json")) && Files.readString(dir.resolve("objects.json"))
                .contains("three"), "nothing applied");
        CliTest.Run same = run("apply", "p.plan", "--var", "v=two");
        assertEquals(0, same.code(), same.out() + same.err());
    }

    @Test
    void showFormatJsonWithoutAPlanPrintsTheStateAsTerraformShowJson() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        CliTest.Run empty = run("show", "--format", "json");
        assertEquals(0, empty.code(), empty.err());
        assertEquals("1.0", new ObjectMapper().readTree(empty.out()).get("format_version").asText());
        assertEquals(0, run("apply", "--auto-approve").code());
        CliTest.Run r = run("show", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode res = root.at("/values/root_module/resources/0");
        assertEquals("slowtest_object.a", res.get("address").asText(), r.out());
        assertEquals("managed", res.get("mode").asText());
        assertEquals("one", res.at("/values/value").asText(), r.out());
        assertEquals("one", root.at("/values/outputs/value/value").asText(), r.out());
    }

    @Test
    void aTypoInTheBackendBlockStopsStateCommandsWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        assertEquals(0, run("apply", "--auto-approve").code());
        Files.writeString(dir.resolve("settings.hcl"), """
                lockstep {
                  backend "local" {
                    pth = "elsewhere"
                  }
                }
                """);
        for (String[] cmd : new String[][] {{"state", "list"}, {"output"}, {"show"}, {"lock", "status"}}) {
            CliTest.Run r = run(cmd);
            assertEquals(1, r.code(), String.join(" ", cmd) + ": " + r.out() + r.err());
            assertTrue(r.err().contains("settings.hcl line 3"), String.join(" ", cmd) + ": " + r.err());
            assertFalse(r.out().contains("slowtest_object.a"), r.out());
        }
    }

    @Test
    void stateRestoreWritesANewHigherSerialAndHidesNothing() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        assertEquals(0, run("apply", "--auto-approve").code());
        assertEquals(0, run("apply", "--auto-approve", "--var", "v=two").code());
        CliTest.Run r = run("state", "restore", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("Restored serial 1 as serial 3"), r.out());
        CliTest.Run h = run("state", "history");
        assertEquals(0, h.code(), h.err());
        for (String serial : new String[] {"1", "2", "3"}) {
            assertTrue(h.out().lines().anyMatch(l -> l.startsWith(serial + " ")), h.out());
        }
        assertTrue(h.out().contains("restored from serial 1"), h.out());
        CliTest.Run show = run("state", "show", "slowtest_object.a");
        assertTrue(show.out().contains("\"one\""), show.out());
        CliTest.Run missing = run("state", "restore", "99");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("99") && missing.err().contains("state history"), missing.err());
        assertTrue(Files.readString(dir.resolve(".lockstep/audit.jsonl")).contains("state restore"));
    }
}
