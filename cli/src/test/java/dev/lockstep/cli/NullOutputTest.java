package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are null on one side of a change render as Terraform 1.11 renders them (checked
 * with terraform plan): a new null output is no change, a value that appears is {@code + x = "b"},
 * a value that goes is {@code - x = "b" -> null}; plan and apply never fail on them.
 */
class NullOutputTest {

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

    @Test
    void anOutputNullOnEitherSidePlansAndApplies() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "v" {
                  type    = string
                  default = null
                }
                resource "terraform_data" "x" {
                  input = "x"
                }
                output "x" {
                  value = var.v
                }
                output "y" {
                  value = "a"
                }
                """);
        CliTest.Run first = run("apply", "--auto-approve");
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("  + y = \"a\""), first.out());
        assertFalse(first.out().contains(" x = "), first.out());

        CliTest.Run appears = run("apply", "--auto-approve", "--var", "v=b");
        assertEquals(0, appears.code(), appears.out() + appears.err());
        assertTrue(appears.out().contains("  + x = \"b\""), appears.out());

        CliTest.Run goes = run("plan", "--detailed-exitcode");
        assertEquals(2, goes.code(), goes.out() + goes.err());
        assertTrue(goes.out().contains("  - x = \"b\" -> null"), goes.out());
        CliTest.Run applied = run("apply", "--auto-approve");
        assertEquals(0, applied.code(), applied.out() + applied.err());
        assertTrue(applied.out().contains("Apply complete!"), applied.out());
        CliTest.Run clean = run("plan", "--detailed-exitcode");
        assertEquals(0, clean.code(), clean.out() + clean.err());
    }
}
