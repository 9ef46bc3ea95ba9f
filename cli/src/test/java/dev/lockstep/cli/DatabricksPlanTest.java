package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databricks configurations through the whole CLI: values the API enumerates are checked by
 * {@code validate}, and the JSON plan's reason for a token's rotation (on the sandbox).
 */
class DatabricksPlanTest {

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        return CliTest.onSandbox(dir, args);
    }

    private JsonNode change(CliTest.Run plan, String address) throws Exception {
        assertEquals(0, plan.code(), plan.out() + plan.err());
        for (JsonNode c : new ObjectMapper().readTree(plan.out()).get("resource_changes")) {
            if (c.get("address").asText().equals(address)) {
                return c;
            }
        }
        throw new AssertionError(address + " not in " + plan.out());
    }

    @Test
    void aTokenDueForRotationIsReplacedBecauseExpired() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "rotate" {
                  default = "30d"
                }
                variable "comment" {
                  default = "ci"
                }
                resource "databricks_token" "ci" {
                  comment          = var.comment
                  lifetime_seconds = 86400
                  rotate_after     = var.rotate
                }
                """);
        CliTest.Run apply = run("apply", "--auto-approve");
        assertEquals(0, apply.code(), apply.out() + apply.err());
        Thread.sleep(1100);

        JsonNode due = change(run("plan", "--format", "json", "--var", "rotate=1s"), "databricks_token.ci");
        assertEquals("[\"create\",\"delete\"]", due.get("change").get("actions").toString());
        assertEquals("replace_because_expired", due.get("action_reason").asText(), due.toString());
        assertEquals("[[\"rotate_after\"]]", due.get("change").get("replace_paths").toString());

        // a changed comment forces the replacement too: Terraform's reason
        JsonNode both = change(run("plan", "--format", "json", "--var", "rotate=1s", "--var", "comment=other"),
                "databricks_token.ci");
        assertEquals("replace_because_cannot_update", both.get("action_reason").asText(), both.toString());
    }

    @Test
    void validateRefusesAnEnumTypoWithItsLocationAndTheClosestValue() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                resource "databricks_cluster" "c" {
                  spark_version      = "15.4.x-scala2.12"
                  node_type_id       = "i3.xlarge"
                  num_workers        = 1
                  data_security_mode = "SINGLE_USR"
                }
                """);
        CliTest.Run r = CliTest.run("-C", dir.toString(), "--no-color", "validate");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("Invalid value for \"data_security_mode\""), r.err());
        assertTrue(r.err().contains("  on main.hcl line 5, column 24:"), r.err());
        assertTrue(r.err().contains("Did you mean \"SINGLE_USER\"?"), r.err());
    }
}
