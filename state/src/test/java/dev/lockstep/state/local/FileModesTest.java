package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.state.FileProblem;
import dev.lockstep.state.State;
import dev.lockstep.state.audit.AuditEvent;
import dev.lockstep.state.audit.AuditLog;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.testing.SampleStates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every directory lockstep creates is 0700 and every file 0600, whatever the umask. Java cannot set
 * the process umask, so these assert the exact modes: relying on the umask gives 0755/0644 under the
 * usual 022 (and 0777/0666 under 000), which fails here.
 */
class FileModesTest {

    @TempDir
    Path config;

    @BeforeEach
    void posixOnly() {
        assumeTrue(SecureFiles.POSIX, "the file system has no POSIX permissions");
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Every path under {@code root} (itself included) with its mode. */
    static Map<String, String> modes(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                m.put(root.relativize(p).toString(), mode(p));
            }
        }
        return m;
    }

    @Test
    void everythingInTheStateDirectoryIsOwnerOnly() throws Exception {
        Path dir = config.resolve("nested/.lockstep");
        LocalBackend b = new LocalBackend(dir);
        try (Lock lock = b.locker().acquire("apply", Duration.ZERO)) {
            State one = SampleStates.empty().withResource(SampleStates.instance("a", "1")).withSerial(1);
            b.persist(one, LocalBackend.info("apply", null));
            Journal j = b.journal(one);
            j.put(SampleStates.instance("b", "2"));
            new AuditLog(dir).append(AuditEvent.now("apply", null, List.of(), List.of(), lock.info().id()));
            Map<String, String> m = modes(dir);
            j.close();
            assertEquals(Map.of("", "rwx------", "snapshots", "rwx------", "snapshots/1.json", "rw-------",
                    "snapshots/1.meta.json", "rw-------", "state.json", "rw-------", "state.journal", "rw-------",
                    "state.lock", "rw-------", "lock.json", "rw-------", "audit.jsonl", "rw-------"), m);
        }
        assertEquals("rwx------", mode(config.resolve("nested")), "missing parents are created 0700 too");
    }

    @Test
    void secureFilesCreatesOwnerOnlyFilesAndDirectories() throws Exception {
        Path d = config.resolve("a/b/c");
        SecureFiles.createDirectories(d);
        assertEquals("rwx------", mode(config.resolve("a")));
        assertEquals("rwx------", mode(d));
        SecureFiles.createDirectories(d);

        Path f = d.resolve("plan.bin");
        SecureFiles.writeAtomically(f, new byte[] {1, 2, 3}, true);
        assertEquals("rw-------", mode(f));
        SecureFiles.writeAtomically(f, new byte[] {4}, false);
        assertEquals("rw-------", mode(f));
        try (Stream<Path> files = Files.list(d)) {
            assertEquals(List.of("plan.bin"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }

        Path log = config.resolve("logs/debug.log");
        try (FileChannel ch = SecureFiles.openForAppend(log)) {
            ch.write(ByteBuffer.wrap("one\n".getBytes()));
        }
        try (FileChannel ch = SecureFiles.openForAppend(log)) {
            ch.write(ByteBuffer.wrap("two\n".getBytes()));
        }
        assertEquals("one\ntwo\n", Files.readString(log));
        assertEquals("rw-------", mode(log));
        assertEquals("rwx------", mode(config.resolve("logs")));
    }

    @Test
    void existingDirectoriesKeepTheirMode() throws Exception {
        Path d = Files.createDirectories(config.resolve("shared"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-x---"));
        SecureFiles.createDirectories(d.resolve("inner"));
        assertEquals("rwxr-x---", mode(d));
        assertEquals("rwx------", mode(d.resolve("inner")));
    }

    @Test
    void aFileWhereADirectoryShouldBeIsNamedWithItsReason() throws Exception {
        Path f = Files.writeString(config.resolve("state"), "x");
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> SecureFiles.createDirectories(f.resolve(".lockstep")));
        assertEquals("not a directory", FileProblem.reason(e));
        FileSystemException self = assertThrows(FileSystemException.class, () -> SecureFiles.createDirectories(f));
        assertEquals("not a directory", FileProblem.reason(self));
        assertTrue(FileProblem.describe("create", f, self).endsWith(": not a directory"));
    }
}
