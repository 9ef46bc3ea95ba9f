package dev.lockstep.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProblemTest {

    @TempDir
    Path dir;

    @Test
    void theJdkExceptionsThatCarryOnlyThePathGetAReason() {
        assertEquals("not found", FileProblem.reason(new NoSuchFileException("/x/a.json")));
        assertEquals("permission denied", FileProblem.reason(new AccessDeniedException("/x/a.json")));
        assertEquals("not a directory", FileProblem.reason(new NotDirectoryException("/x")));
        assertEquals("directory not empty", FileProblem.reason(new DirectoryNotEmptyException("/x")));
        assertEquals("already exists", FileProblem.reason(new FileAlreadyExistsException("/x")));
        assertEquals("read-only file system", FileProblem.reason(new FileSystemException("/x", null,
                "Read-only file system")));
        assertEquals("no space left on device", FileProblem.reason(new IOException("No space left on device")));
        assertEquals("IOException", FileProblem.reason(new IOException()));
    }

    @Test
    void theMessageNamesTheFileOnceWithTheReason() {
        Path f = dir.resolve("sandbox-seed.json");
        assertEquals("cannot read " + f + ": permission denied",
                FileProblem.describe("read", f, new AccessDeniedException(f.toString())));
    }

    @Test
    void realFailuresAreDescribed() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> Files.readAllBytes(dir.resolve("nope.json")));
        assertEquals("not found", FileProblem.reason(missing));
        Path d = Files.createDirectories(dir.resolve("seed.json"));
        IOException isDir = assertThrows(IOException.class, () -> Files.readAllBytes(d));
        assertEquals("is a directory", FileProblem.reason(isDir));
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException notDir = assertThrows(IOException.class, () -> Files.readAllBytes(file.resolve("child")));
        assertEquals("not a directory", FileProblem.reason(notDir));
    }
}
