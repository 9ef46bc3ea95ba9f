package dev.lockstep.sandbox.http;

import dev.lockstep.sandbox.SandboxFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesAtomicallyAndLoadsBack() throws Exception {
        DirectoryStateStore store = new DirectoryStateStore(dir.resolve("nested/sandbox"), "vault");
        assertTrue(store.load().isEmpty());
        store.save(Json.object().put("n", 1));
        store.save(Json.object().put("n", 2));
        assertEquals(2, store.load().orElseThrow().get("n").asInt());
        try (var files = Files.list(dir.resolve("nested/sandbox"))) {
            assertEquals(1, files.count(), "only the state file, no leftovers");
        }
        assertEquals(2, new DirectoryStateStore(dir.resolve("nested/sandbox"), "vault").load().orElseThrow().get("n").asInt());
        if (dev.lockstep.state.local.SecureFiles.POSIX) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("nested"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve("nested/sandbox"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        }
    }

    @Test
    void corruptFileIsAUserErrorWithItsPosition() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "{\n  \"objects\": [\n    {broken\n");
        SandboxFileException e = assertThrows(SandboxFileException.class, () -> new DirectoryStateStore(dir, "x").load());
        assertEquals(f + ":3:6", e.where(), "the b of broken");
        assertTrue(e.getMessage().startsWith("not valid JSON: "), e.getMessage());
        assertEquals("Unusable sandbox data", e.summary());
        assertTrue(e.hint().contains("lockstep sandbox reset"), e.hint());
    }

    @Test
    void aFileThatIsNotAnObjectOrNotAFileIsAUserError() throws Exception {
        Files.writeString(dir.resolve("x.json"), "[1, 2]");
        SandboxFileException e = assertThrows(SandboxFileException.class, () -> new DirectoryStateStore(dir, "x").load());
        assertEquals("it does not hold a JSON object", e.getMessage());
        Files.createDirectory(dir.resolve("y.json"));
        e = assertThrows(SandboxFileException.class, () -> new DirectoryStateStore(dir, "y").load());
        assertEquals(dir.resolve("y.json").toString(), e.where());
        assertEquals("cannot read it: is a directory", e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAUserError() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        DirectoryStateStore store = new DirectoryStateStore(notADir, "vault");
        SandboxFileException e = assertThrows(SandboxFileException.class, () -> store.save(Json.object()));
        assertEquals("cannot write it: not a directory", e.getMessage());
    }
}
