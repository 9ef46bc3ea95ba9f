package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans apply exactly, and are refused (exit 5) when anything they were made against moved. */
class SavedPlanTest {

    @TempDir
    Path dir;

    @TempDir
    Path other;

    private static final String CONFIG = """
            provider "slowtest" {
              store = "objects.json"
            }
            variable "v" {
              default = "one"
            }
            variable "pw" {
              default   = "canary-9d2c"
              sensitive = true
            }
            resource "slowtest_object" "a" {
              name   = "a"
              value  = var.v
              secret = var.pw
            }
            """;

    private CliTest.Run run(Path d, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-C";
        all[args.length + 1] = d.toString();
        return CliTest.run(all);
    }

    private Path planFile() {
        return dir.resolve("p.plan");
    }

    private void setUp(Path d) throws Exception {
        Files.writeString(d.resolve("main.hcl"), CONFIG);
        assertEquals(0, run(d, "apply", "--auto-approve").code());
        Files.writeString(d.resolve("main.hcl"), CONFIG.replace("\"one\"", "\"two\""));
    }

    private void assertRefused(CliTest.Run r, String reason) {
        assertEquals(5, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(reason), r.err());
    }

    @Test
    void aFreshPlanAppliesExactlyAndHoldsNoSecret() throws Exception {
        setUp(dir);
        CliTest.Run p = run(dir, "plan", "-o", planFile().toString(), "--no-color");
        assertEquals(0, p.code(), p.err());
        assertFalse(Files.readString(planFile()).contains("canary-9d2c"), "no secret in the plan file");
        CliTest.Run show = run(dir, "show", planFile().toString(), "--no-color");
        assertEquals(0, show.code(), show.err());
        // keys are aligned over all the attributes, the hidden secret too, as Terraform aligns them
        assertTrue(show.out().contains("~ value  = \"one\" -> \"two\""), show.out());
        CliTest.Run a = run(dir, "apply", planFile().toString(), "--no-color");
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.out().contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."), a.out());
    }

    @Test
    void staleSerialIsRefused() throws Exception {
        setUp(dir);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        assertEquals(0, run(dir, "apply", "--auto-approve").code());
        assertRefused(run(dir, "apply", planFile().toString()), "The state changed since the plan was made");
    }

    @Test
    void anotherLineageIsRefused() throws Exception {
        setUp(dir);
        setUp(other);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        assertRefused(run(other, "apply", planFile().toString()), "The plan was made for another state");
    }

    @Test
    void anEditedConfigurationIsRefused() throws Exception {
        setUp(dir);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        Files.writeString(dir.resolve("main.hcl"), CONFIG.replace("\"one\"", "\"three\""));
        assertRefused(run(dir, "apply", planFile().toString()), "The configuration changed");
    }

    @Test
    void aFlippedByteIsRefused() throws Exception {
        setUp(dir);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        String text = Files.readString(planFile(), StandardCharsets.UTF_8);
        Files.writeString(planFile(), text.replace("\"two\"", "\"twp\""));
        assertRefused(run(dir, "apply", planFile().toString()), "does not match its digest");
        assertRefused(run(dir, "show", planFile().toString()), "does not match its digest");
        Files.writeString(planFile(), text.substring(0, text.length() / 2));
        assertRefused(run(dir, "apply", planFile().toString()), "cannot be read");
    }

    @Test
    void aChangedLiveObjectIsRefused() throws Exception {
        setUp(dir);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        Path store = dir.resolve("objects.json");
        Files.writeString(store, Files.readString(store).replace("\"one\"", "\"changed-by-hand\""));
        assertRefused(run(dir, "apply", planFile().toString()), "The live object slowtest_object.a changed");
    }

    @Test
    void aChangedSensitiveVariableIsRefused() throws Exception {
        setUp(dir);
        assertEquals(0, run(dir, "plan", "-o", planFile().toString()).code());
        CliTest.Run r = run(dir, "apply", planFile().toString(), "--var", "pw=canary-other");
        assertRefused(r, "The sensitive variable \"pw\" has a different value");
        assertFalse(r.err().contains("canary"), r.err());
    }
}
