package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.State;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.codec.StateCodec;
import dev.lockstep.state.testing.SampleStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {

    static final String V = "0.1.0-test";

    @TempDir
    Path config;

    LocalBackend backend(int retention) {
        return new LocalBackend(config.resolve(".lockstep"), LocalBackend.Options.defaults().withRetention(retention)
                .withLockstepVersion(V));
    }

    static State version(State base, long serial, String name) {
        return base.withResource(SampleStates.instance(name, "v" + serial)).withSerial(serial);
    }

    @Test
    void aFreshDirectoryLoadsAnEmptyStateAndWritesNothing() throws Exception {
        StateBackend.Loaded l = backend(100).load();
        assertEquals(0, l.state().serial());
        assertFalse(l.recovered());
        assertTrue(l.state().resources().isEmpty());
        assertFalse(Files.exists(config.resolve(".lockstep")));
        assertTrue(backend(100).history().isEmpty());
    }

    @Test
    void persistWritesStateAndSnapshotAtomically() throws Exception {
        LocalBackend b = backend(100);
        State s = SampleStates.rich();
        b.persist(s, LocalBackend.info("apply", "sha256:abc"));
        Path dir = config.resolve(".lockstep");
        byte[] expected = new StateCodec(V).encode(s);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("state.json")));
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("snapshots/7.json")));
        assertEquals(s, backend(100).load().state());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("snapshots", "state.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        if (FileOps.POSIX) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.json"))));
        }
        SnapshotInfo h = b.history().get(0);
        assertEquals(7, h.serial());
        assertEquals("apply", h.command());
        assertEquals("sha256:abc", h.planDigest());
        assertEquals(V, h.version());
        assertTrue(h.user().contains("@"), h.user());
        assertNotNull(h.time());
        assertNull(h.gitCommit());
        assertFalse(Files.readString(dir.resolve("state.json")).contains(SampleStates.CANARY));
    }

    @Test
    void persistRefusesAStaleSerialOrAnotherLineage() throws Exception {
        LocalBackend b = backend(100);
        State one = version(SampleStates.empty(), 1, "a");
        b.persist(one, null);
        byte[] before = Files.readAllBytes(config.resolve(".lockstep/state.json"));

        StateException same = assertThrows(StateException.class, () -> b.persist(version(one, 1, "b"), null));
        assertTrue(same.getMessage().contains("refusing to write serial 1 into " + config.resolve(".lockstep")
                + ", which already has serial 1"), same.getMessage());
        assertThrows(StateException.class, () -> b.persist(one.withSerial(0), null));

        State foreign = State.empty().withSerial(5);
        StateException lineage = assertThrows(StateException.class, () -> b.persist(foreign, null));
        assertTrue(lineage.getMessage().contains("holds lineage " + SampleStates.LINEAGE), lineage.getMessage());

        assertArrayEquals(before, Files.readAllBytes(config.resolve(".lockstep/state.json")));
        b.persist(version(one, 2, "b"), null);
        assertThrows(StateException.class, () -> b.persist(version(one, 2, "c"), null));
        assertEquals(2, b.load().state().serial());
    }

    @Test
    void retentionKeepsTheNewestSnapshots() throws Exception {
        LocalBackend b = backend(3);
        State s = SampleStates.empty();
        for (int i = 1; i <= 6; i++) {
            s = version(s, i, "r" + i);
            b.persist(s, LocalBackend.info("apply", null));
        }
        assertEquals(List.of(6L, 5L, 4L), b.history().stream().map(SnapshotInfo::serial).toList());
        assertEquals(Optional.empty(), b.snapshot(3));
        assertEquals(s, b.snapshot(6).orElseThrow());
        assertEquals(5, b.snapshot(5).orElseThrow().resources().size());
        try (Stream<Path> files = Files.list(config.resolve(".lockstep/snapshots"))) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void theDefaultRetentionIsAHundred() {
        assertEquals(100, LocalBackend.Options.defaults().retention());
        assertThrows(IllegalArgumentException.class, () -> backend(0));
    }

    @Test
    void aSnapshotWhoseStateWriteNeverHappenedStaysInvisibleAndIsDropped() throws Exception {
        LocalBackend b = backend(100);
        State one = version(SampleStates.empty(), 1, "a");
        b.persist(one, null);
        Path dir = config.resolve(".lockstep");
        // a crash after the snapshot of serial 2 was prepared, before state.json was replaced
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"), 100);
        store.prepare(new StateCodec(V).encode(version(one, 2, "b")), new SnapshotInfo(2, Instant.EPOCH, "x@y", "apply",
                null, null, V), SampleStates.LINEAGE);
        assertEquals(List.of(1L), b.history().stream().map(SnapshotInfo::serial).toList());
        assertEquals(Optional.empty(), b.snapshot(2));
        State retry = version(one, 2, "c");
        b.persist(retry, null);
        assertEquals(retry, b.snapshot(2).orElseThrow());
        assertEquals(List.of(2L, 1L), b.history().stream().map(SnapshotInfo::serial).toList());
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
        }
    }

    @Test
    void aSnapshotLeftPendingAfterItsStateWasStoredIsPublishedByTheNextWrite() throws Exception {
        LocalBackend b = backend(100);
        State one = version(SampleStates.empty(), 1, "a");
        b.persist(one, null);
        Path dir = config.resolve(".lockstep");
        // a crash after state.json got serial 2, before its snapshot was moved into place
        State two = version(one, 2, "b");
        byte[] bytes = new StateCodec(V).encode(two);
        new SnapshotStore(dir.resolve("snapshots"), 100).prepare(bytes, new SnapshotInfo(2, Instant.EPOCH, "x@y", "apply",
                null, null, V), SampleStates.LINEAGE);
        Files.write(dir.resolve("state.json"), bytes);
        assertEquals(two, b.load().state());
        b.persist(version(two, 3, "c"), null);
        assertEquals(List.of(3L, 2L, 1L), b.history().stream().map(SnapshotInfo::serial).toList());
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("snapshots/2.json")));
        assertEquals("x@y", b.history().get(1).user());
    }

    @Test
    void aMissingStateFileWithSnapshotsIsAnErrorNotAFreshStart() throws Exception {
        LocalBackend b = backend(100);
        b.persist(version(SampleStates.empty(), 1, "a"), null);
        b.persist(version(SampleStates.empty(), 2, "a"), null);
        Files.delete(config.resolve(".lockstep/state.json"));
        StateException e = assertThrows(StateException.class, b::load);
        assertTrue(e.getMessage().contains("state.json is missing, but"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore the latest with `lockstep state restore 2`"), e.getMessage());
        assertThrows(StateException.class, () -> b.persist(State.empty().withSerial(1), null));
        assertThrows(StateException.class, () -> b.persist(version(SampleStates.empty(), 2, "b"), null));
        b.persist(version(SampleStates.empty(), 3, "b"), null);
        assertEquals(3, b.load().state().serial());
    }

    @Test
    void aCorruptStateFileIsNamedWithWhereToFindEarlierVersions() throws Exception {
        LocalBackend b = backend(100);
        b.persist(version(SampleStates.empty(), 1, "a"), null);
        Path f = config.resolve(".lockstep/state.json");
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2));
        StateException e = assertThrows(StateException.class, b::load);
        assertTrue(e.getMessage().startsWith(f + " is corrupt: it is not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("Earlier versions are kept in " + config.resolve(".lockstep/snapshots")),
                e.getMessage());
        Files.writeString(f, text.replace("\"provider\"", "\"provider_x\""));
        e = assertThrows(StateException.class, b::load);
        assertTrue(e.getMessage().contains("resources[0].provider: the field is missing"), e.getMessage());
    }

    @Test
    void aNewerFormatIsNeverOverwritten() throws Exception {
        LocalBackend b = backend(100);
        b.persist(version(SampleStates.empty(), 1, "a"), null);
        Path f = config.resolve(".lockstep/state.json");
        Files.writeString(f, Files.readString(f).replaceFirst("\"version\": 1", "\"version\": 2"));
        assertTrue(assertThrows(StateException.class, b::load).getMessage().contains("newer lockstep"));
        assertTrue(assertThrows(StateException.class, () -> b.persist(version(SampleStates.empty(), 2, "a"), null))
                .getMessage().contains("newer lockstep"));
    }

    @Test
    void snapshotMetadataRecordsTheGitCommitOfTheConfiguration() throws Exception {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        Files.createDirectories(config.resolve(".git/refs/heads"));
        Files.writeString(config.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(config.resolve(".git/refs/heads/main"), sha + "\n");
        LocalBackend b = backend(100);
        b.persist(version(SampleStates.empty(), 1, "a"), new SnapshotInfo(99, Instant.EPOCH, "me@there", "import",
                null, null, null));
        SnapshotInfo h = b.history().get(0);
        assertEquals(1, h.serial(), "the serial is the state's");
        assertEquals(sha, h.gitCommit());
        assertEquals("me@there", h.user());
        assertEquals(Instant.EPOCH, h.time());
        assertEquals("import", h.command());
        assertTrue(Files.readString(config.resolve(".lockstep/snapshots/1.meta.json"), StandardCharsets.UTF_8)
                .contains("\"git_commit\": \"" + sha + "\""));
    }

    @Test
    void leftoverTempFilesOfAKilledWriterAreRemoved() throws Exception {
        LocalBackend b = backend(100);
        Path dir = config.resolve(".lockstep");
        Files.createDirectories(dir.resolve("snapshots"));
        Files.writeString(dir.resolve(".state.json.123.tmp"), "partial");
        Files.writeString(dir.resolve("snapshots/.1.json.456.tmp"), "partial");
        b.persist(version(SampleStates.empty(), 1, "a"), null);
        assertFalse(Files.exists(dir.resolve(".state.json.123.tmp")));
        assertFalse(Files.exists(dir.resolve("snapshots/.1.json.456.tmp")));
    }
}
