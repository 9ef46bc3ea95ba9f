package dev.lockstep.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sandbox.SandboxFileException;
import dev.lockstep.state.local.SecureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's data directory: created owner-only, refused with a reason when it cannot be used
 * (before any emulator starts, so nothing is left running or half-written), and a corrupt data
 * file is a user error naming its place.
 */
class SandboxFilesTest {

    @TempDir
    Path config;

    @Test
    void dataIsOwnerOnly() throws Exception {
        Path data = config.resolve(".lockstep/sandbox");
        try (Sandbox s = new Sandbox(data, 0, null)) {
            s.kubernetes();
            s.vault();
        }
        if (!SecureFiles.POSIX) {
            return;
        }
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(config.resolve(".lockstep"))) {
            for (Path p : all.toList()) {
                modes.put(config.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        assertEquals(Map.of(".lockstep", "rwx------", ".lockstep/sandbox", "rwx------",
                ".lockstep/sandbox/kubernetes.json", "rw-------", ".lockstep/sandbox/vault.json", "rw-------",
                ".lockstep/sandbox/kubeconfig", "rw-------", ".lockstep/sandbox/ports.json", "rw-------"), modes);
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefusedBeforeAnyEmulatorStarts() throws Exception {
        Path file = Files.writeString(config.resolve("not-a-dir"), "x");
        Sandbox s = new Sandbox(file.resolve("sandbox"), 0, null);
        SandboxFileException e = assertThrows(SandboxFileException.class, () -> s.overrides("vault"));
        assertEquals("Unusable sandbox directory", e.summary());
        assertEquals("cannot create the sandbox directory: not a directory", e.getMessage());
        assertEquals(file.resolve("sandbox").toString(), e.where());
        assertTrue(e.hint().contains("LOCKSTEP_SANDBOX_DIR"), e.hint());
        assertTrue(s.requestLogs().isEmpty(), "no emulator started");
        s.close();
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefusedBeforeAnyEmulatorStarts() throws Exception {
        Path data = Files.createDirectories(config.resolve("sandbox"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(data),
                    "running as root, who writes anywhere: the unusable directory is tested with a file in its place");
            Sandbox s = new Sandbox(data, 0, null);
            SandboxFileException e = assertThrows(SandboxFileException.class, () -> s.overrides("vault"));
            assertEquals("cannot write to the sandbox directory: permission denied", e.getMessage());
            assertTrue(s.requestLogs().isEmpty());
            s.close();
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aCorruptDataFileIsAUserErrorAndTheOtherEmulatorsStillSaveOnClose() throws Exception {
        Path data = config.resolve("sandbox");
        try (Sandbox s = new Sandbox(data, 0, null)) {
            s.vault().putSecret("secret/a", Map.of("k", "v"));
            s.aws();
        }
        Files.writeString(data.resolve("vault.json"), "{\n  \"mounts\": \n");
        Sandbox s = new Sandbox(data, 0, null);
        s.aws();
        SandboxFileException e = assertThrows(SandboxFileException.class, s::vault);
        assertEquals(data.resolve("vault.json") + ":3:1", e.where());
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
        s.close();
        assertEquals("{\n  \"mounts\": \n", Files.readString(data.resolve("vault.json")), "left as it was");
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temp files left");
        }
    }

    @Test
    void dataOfTheWrongShapeNamesTheFile() throws Exception {
        Path data = config.resolve("sandbox");
        try (Sandbox s = new Sandbox(data, 0, null)) {
            s.kubernetes();
        }
        Files.writeString(data.resolve("kubernetes.json"), "{\"objects\": [{\"path\": 5, \"object\": 7}]}");
        Sandbox s = new Sandbox(data, 0, null);
        SandboxFileException e = assertThrows(SandboxFileException.class, s::kubernetes);
        assertEquals(data.resolve("kubernetes.json").toString(), e.where());
        assertTrue(e.getMessage().startsWith("its content cannot be loaded by the kubernetes emulator"), e.getMessage());
        s.close();
        assertFalse(s.requestLogs().containsKey("kubernetes"));
    }
}
