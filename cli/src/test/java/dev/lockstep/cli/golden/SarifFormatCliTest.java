package dev.lockstep.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format sarif} on the command line: {@code plan}, {@code show PLANFILE} and
 * {@code drift} print a SARIF log of the policy findings (none here: the configuration has no
 * policy) and nothing else; {@code show} of the state and {@code validate}, which have no findings
 * to show, refuse it rather than print something else. The findings themselves are rendered by
 * {@code SarifRenderer}, tested on hand-built findings.
 */
class SarifFormatCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void assertEmptySarif(String out) throws Exception {
        JsonNode log = JSON.readTree(out);
        assertEquals("2.1.0", log.get("version").asText(), out);
        JsonNode run = log.get("runs").get(0);
        assertEquals("lockstep", run.get("tool").get("driver").get("name").asText());
        assertEquals(0, run.get("results").size());
    }

    @Test
    void planShowAndDriftPrintSarif() throws Exception {
        Cli.write(dir.resolve("main.hcl"), """
                resource "terraform_data" "a" {
                  input = "a"
                }
                """);
        Cli.run("apply", "--auto-approve", "--no-color", "-C", dir.toString()).expect(0, "apply");
        assertEmptySarif(Cli.run("plan", "--format", "sarif", "-C", dir.toString()).expect(0, "plan"));
        Path saved = dir.resolve("saved.plan");
        assertEmptySarif(Cli.run("plan", "--format", "sarif", "-o", saved.toString(), "-C", dir.toString())
                .expect(0, "plan -o"));
        assertEmptySarif(Cli.run("show", "--format", "sarif", "-C", dir.toString(), saved.toString())
                .expect(0, "show PLANFILE"));
        assertEmptySarif(Cli.run("drift", "--format", "sarif", "-C", dir.toString()).expect(0, "drift"));
        JsonNode drift = JSON.readTree(Cli.run("drift", "--format", "json", "-C", dir.toString()).expect(0, "drift"));
        assertTrue(drift.get("policy_results").isArray() && drift.get("policy_results").isEmpty(), drift.toString());
    }

    @Test
    void commandsWithoutFindingsRefuseSarif() {
        Cli.write(dir.resolve("main.hcl"), "");
        Cli.Run show = Cli.run("show", "--format", "sarif", "-C", dir.toString());
        assertEquals(1, show.code(), show.out() + show.err());
        assertTrue(show.err().contains("--format sarif shows a saved plan's policy findings: give a PLANFILE"),
                show.err());
        assertEquals("", show.out());
        Cli.Run validate = Cli.run("validate", "--format", "sarif", "-C", dir.toString());
        assertEquals(1, validate.code(), validate.out() + validate.err());
        assertTrue(validate.err().contains("validate has no --format sarif"), validate.err());
        assertEquals("", validate.out());
    }
}
