package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep output}: recorded values, JSON, raw, and sensitive outputs evaluated afresh. */
class OutputCommandTest {

    private static final String SECRET = "canary-out-4e1b";

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-C";
        all[args.length + 1] = dir.toString();
        all[args.length + 2] = "--no-color";
        return CliTest.run(all);
    }

    @BeforeEach
    void applied() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), """
                variable "password" {
                  default   = "%s"
                  sensitive = true
                }
                resource "terraform_data" "app" {
                  input = { name = "app", replicas = 3 }
                }
                output "name" {
                  value = terraform_data.app.output.name
                }
                output "settings" {
                  value = terraform_data.app.output
                }
                output "password" {
                  value     = var.password
                  sensitive = true
                }
                """.formatted(SECRET));
        CliTest.Run r = run("apply", "--auto-approve");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("password = <sensitive>"), r.out());
        assertFalse(r.out().contains(SECRET), r.out());
    }

    @Test
    void allOutputsAsTextAndJson() {
        CliTest.Run text = run("output");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("name = \"app\""), text.out());
        assertTrue(text.out().contains("password = <sensitive>"), text.out());
        CliTest.Run json = run("output", "--json");
        String compact = json.out().replaceAll("\\s", "");
        assertTrue(compact.contains("\"name\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"app\"}"),
                json.out());
        assertTrue(compact.contains("\"password\":{\"sensitive\":true,\"type\":\"string\",\"value\":null}"),
                json.out());
        assertTrue(compact.contains("\"type\":[\"object\",{\"name\":\"string\",\"replicas\":\"number\"}]"),
                json.out());
        assertFalse(json.out().contains(SECRET), json.out());
    }

    @Test
    void oneOutputRawOrJson() {
        assertEquals("app", run("output", "--raw", "name").out());
        assertEquals("\"app\"\n", run("output", "--json", "name").out().replace("\r\n", "\n"));
        CliTest.Run object = run("output", "--raw", "settings");
        assertEquals(1, object.code());
        assertTrue(object.err().contains("Use --json"), object.err());
        CliTest.Run missing = run("output", "nope");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("the outputs name, password, settings"), missing.err());
        assertEquals(1, run("output", "--raw").code());
    }

    @Test
    void aSensitiveOutputPrintsOnlyWithRawAndOnlyWhenItStillMatchesTheApply() throws Exception {
        CliTest.Run hidden = run("output", "password");
        assertEquals(0, hidden.code());
        assertFalse(hidden.out().contains(SECRET), hidden.out());
        assertTrue(hidden.out().contains("--raw password"), hidden.out());
        assertEquals(SECRET, run("output", "--raw", "password").out());
        CliTest.Run changed = run("output", "--raw", "password", "--var", "password=something-else");
        assertEquals(1, changed.code());
        assertTrue(changed.err().contains("different value than the last apply"), changed.err());
        assertFalse(changed.err().contains("something-else"), changed.err());
    }
}
