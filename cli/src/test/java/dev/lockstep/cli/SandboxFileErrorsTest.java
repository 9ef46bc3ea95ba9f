package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandbox files that cannot be used (a seed that is a directory, a corrupt emulator data file, a
 * sandbox directory that cannot be created) are user errors naming the file and the reason, not
 * "unexpected error ... a bug in lockstep", and leave no lock info behind.
 */
class SandboxFileErrorsTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            resource "kubernetes_namespace" "team" {
              metadata {
                name = "team"
              }
            }
            """;

    private void assertUserError(CliTest.Run r, String expected) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("bug"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve(".lockstep/lock.json")), "the lock info is removed");
    }

    @Test
    void aSeedThatIsADirectory() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        Files.createDirectory(dir.resolve("sandbox-seed.json"));
        assertUserError(CliTest.onSandbox(dir, "plan"), "error: Invalid sandbox seed\n  on "
                + dir.resolve("sandbox-seed.json") + ": it is a directory, not a file.");
        assertFalse(Files.exists(dir.resolve(".lockstep")), "nothing written");
    }

    @Test
    void aCorruptEmulatorDataFile() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        Path data = Files.createDirectories(dir.resolve(".lockstep/sandbox"));
        Files.writeString(data.resolve("kubernetes.json"), "{\n  \"objects\": [\n");
        assertUserError(CliTest.onSandbox(dir, "apply", "--auto-approve"), "error: Unusable sandbox data\n  on "
                + data.resolve("kubernetes.json") + ":3:1: not valid JSON");
        assertEquals("{\n  \"objects\": [\n", Files.readString(data.resolve("kubernetes.json")), "left as it was");
        assertFalse(Files.exists(dir.resolve(".lockstep/state.json")));
    }

    @Test
    void aSandboxDirectoryThatCannotBeCreated() throws Exception {
        Files.writeString(dir.resolve("main.hcl"), CONFIG);
        Files.createDirectories(dir.resolve(".lockstep"));
        Files.writeString(dir.resolve(".lockstep/sandbox"), "not a directory");
        assertUserError(CliTest.onSandbox(dir, "apply", "--auto-approve"), "error: Unusable sandbox directory\n  on "
                + dir.resolve(".lockstep/sandbox") + ": cannot create the sandbox directory: not a directory.");
        assertFalse(Files.exists(dir.resolve(".lockstep/state.json")));
    }
}
