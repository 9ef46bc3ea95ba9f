package dev.lockstep.cli.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.state.local.SecureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug log file is created 0600 (in a 0700 directory when that is missing), not with the
 * umask's 0644 (0666 under umask 000): it holds every debug message of the run.
 */
class LogSinkFileTest {

    @TempDir
    Path dir;

    @Test
    void theDebugLogIsOwnerOnlyAndAppendedTo() throws Exception {
        Path log = dir.resolve("logs/debug.log");
        LogSink sink = new LogSink("off", log.toString());
        sink.log(LogSink.Level.DEBUG, "dev.lockstep.test", "first", null);
        sink.log(LogSink.Level.INFO, "dev.lockstep.test", "second", null);
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("debug: [test] first"), lines.get(0));
        assertTrue(lines.get(1).endsWith("info: [test] second"), lines.get(1));
        assumeTrue(SecureFiles.POSIX, "the file system has no POSIX permissions");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
    }
}
