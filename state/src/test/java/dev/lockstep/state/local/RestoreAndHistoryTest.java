package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.SerialExhaustedException;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.SnapshotNotFoundException;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.testing.SampleStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalBackend#restore}, the refusal of a state.json replaced by hand, history warnings, the serial limit. */
class RestoreAndHistoryTest {

    static final String V = "0.1.0-test";

    @TempDir
    Path config;

    Path dir() {
        return config.resolve(".lockstep");
    }

    LocalBackend backend() {
        return new LocalBackend(dir(), LocalBackend.Options.defaults().withLockstepVersion(V));
    }

    /** Versions 1, 2, 3, each with one more resource. */
    State threeVersions(LocalBackend b) throws StateException {
        State s = SampleStates.empty();
        for (int i = 1; i <= 3; i++) {
            s = s.withResource(SampleStates.instance("r" + i, "v" + i)).withSerial(i);
            b.persist(s, LocalBackend.info("apply", null));
        }
        return s;
    }

    static List<Long> serials(List<SnapshotInfo> h) {
        return h.stream().map(SnapshotInfo::serial).toList();
    }

    Map<String, byte[]> snapshotFiles() throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (var files = Files.list(dir().resolve("snapshots"))) {
            for (Path p : files.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        for (var e : before.entrySet()) {
            assertTrue(after.containsKey(e.getKey()), e.getKey() + " is gone");
            assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
        }
    }

    @Test
    void restoreStoresTheSnapshotAsANewVersionAndKeepsEveryOther() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        Map<String, byte[]> before = snapshotFiles();

        State restored = b.restore(1, null);

        assertEquals(4, restored.serial());
        assertEquals(b.snapshot(1).orElseThrow().resources(), restored.resources());
        assertEquals(restored, b.load().state());
        List<SnapshotInfo> h = b.history();
        assertEquals(List.of(4L, 3L, 2L, 1L), serials(h));
        assertEquals(1L, h.get(0).restoredFrom());
        assertEquals("state restore", h.get(0).command());
        assertNull(h.get(1).restoredFrom());
        assertTrue(Files.readString(dir().resolve("snapshots/4.meta.json")).contains("\"restored_from\": 1"));
        assertSameFiles(before, snapshotFiles());

        // and the next write goes on from there
        b.persist(restored.withResource(SampleStates.instance("r9", "v9")).withSerial(5), LocalBackend.info("apply", null));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), serials(b.history()));
        assertSameFiles(before, snapshotFiles());
    }

    @Test
    void restoreRecordsTheGivenCommand() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        b.restore(2, LocalBackend.info("rollback", "sha256:1"));
        SnapshotInfo top = b.history().get(0);
        assertEquals(4, top.serial());
        assertEquals("rollback", top.command());
        assertEquals("sha256:1", top.planDigest());
        assertEquals(2L, top.restoredFrom());
    }

    @Test
    void anUnknownSerialIsATypedErrorNamingTheRange() throws Exception {
        LocalBackend b = backend();
        SnapshotNotFoundException none = assertThrows(SnapshotNotFoundException.class, () -> b.restore(1, null));
        assertTrue(none.getMessage().contains("no snapshots are kept"), none.getMessage());
        threeVersions(b);
        SnapshotNotFoundException e = assertThrows(SnapshotNotFoundException.class, () -> b.restore(12, null));
        assertEquals(12, e.serial());
        assertEquals(List.of(1L, 2L, 3L), e.kept());
        assertTrue(e.getMessage().contains("the kept snapshots are serials 1 to 3"), e.getMessage());
        assertEquals(List.of(3L, 2L, 1L), serials(b.history()));
        assertEquals(3, b.load().state().serial());
    }

    @Test
    void restoreWorksWhenStateJsonIsMissing() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        Files.delete(dir().resolve("state.json"));
        State restored = b.restore(3, null);
        assertEquals(4, restored.serial());
        assertEquals(restored, b.load().state());
    }

    @Test
    void restoreFirstStoresResultsRecoveredFromAnInterruptedCommand() throws Exception {
        LocalBackend b = backend();
        State three = threeVersions(b);
        Journal j = b.journal(three);
        j.put(SampleStates.instance("crashed", "x"));
        // the process dies here: the journal is not committed
        LocalBackend after = backend();
        State restored = after.restore(1, null);
        assertEquals(5, restored.serial());
        List<SnapshotInfo> h = after.history();
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), serials(h));
        assertEquals("recover", h.get(1).command());
        assertTrue(after.snapshot(4).orElseThrow().resources().keySet().stream()
                .anyMatch(a -> a.toString().contains("crashed")));
        assertFalse(Files.exists(dir().resolve(LocalBackend.JOURNAL_FILE)));
        j.close();
    }

    @Test
    void aStateFileReplacedByHandWithAnOlderSnapshotIsNeverWrittenOver() throws Exception {
        LocalBackend b = backend();
        State three = threeVersions(b);
        // what docs/state.md used to recommend
        Files.copy(dir().resolve("snapshots/1.json"), dir().resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, byte[]> before = snapshotFiles();
        StateBackend.Loaded l = b.load();
        State loaded = l.state();
        assertEquals(1, loaded.serial());
        assertTrue(l.warnings().stream().anyMatch(w -> w.contains("replaced by hand") && w.contains("state restore")),
                l.warnings().toString());

        StateException persist = assertThrows(StateException.class,
                () -> b.persist(loaded.withSerial(2), LocalBackend.info("apply", null)));
        assertTrue(persist.getMessage().contains("was replaced by hand"), persist.getMessage());
        assertTrue(persist.getMessage().contains("lockstep state restore"), persist.getMessage());
        StateException journal = assertThrows(StateException.class, () -> b.journal(loaded));
        assertTrue(journal.getMessage().contains("lockstep state restore"), journal.getMessage());
        assertFalse(Files.exists(dir().resolve(LocalBackend.JOURNAL_FILE)), "refused before anything was written");
        assertSameFiles(before, snapshotFiles());

        StateBackend.History h = b.historyWithWarnings();
        assertEquals(List.of(3L, 2L, 1L), serials(h.entries()), "no version is hidden");
        assertTrue(h.warnings().stream().anyMatch(w -> w.contains("replaced by hand")), h.warnings().toString());

        State restored = b.restore(1, null);
        assertEquals(4, restored.serial());
        assertEquals(three.lineage(), restored.lineage());
        assertEquals(List.of(4L, 3L, 2L, 1L), serials(b.history()));
        assertTrue(b.historyWithWarnings().warnings().isEmpty());
        assertSameFiles(before, snapshotFiles());
    }

    @Test
    void aCorruptMetadataFileIsSkippedWithAWarningNamingIt() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        Path meta = dir().resolve("snapshots/2.meta.json");
        Files.writeString(meta, "{\"serial\": 2, \"time\": ");
        Path other = dir().resolve("snapshots/1.meta.json");
        Files.writeString(other, "{\"serial\": 1, \"time\": \"yesterday\"}");

        StateBackend.History h = b.historyWithWarnings();
        assertEquals(List.of(3L), serials(h.entries()));
        assertEquals(2, h.warnings().size(), h.warnings().toString());
        assertTrue(h.warnings().get(0).startsWith("skipped " + meta + ": it is not valid JSON"), h.warnings().get(0));
        assertTrue(h.warnings().get(1).startsWith("skipped " + other + ": \"time\" is not a time"), h.warnings().get(1));
        assertEquals(List.of(3L), serials(b.history()));
    }

    @Test
    void metadataOfTheFirstFormatIsStillRead() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        Files.writeString(dir().resolve("snapshots/2.meta.json"), """
                {
                  "serial": 2,
                  "lineage": "%s",
                  "time": "2026-11-23T07:22:15.914531798Z",
                  "user": "root@vm",
                  "command": "apply",
                  "plan_digest": "sha256:9f2c",
                  "git_commit": null,
                  "lockstep_version": "0.1.0-SNAPSHOT"
                }
                """.formatted(SampleStates.LINEAGE));
        StateBackend.History h = b.historyWithWarnings();
        assertEquals(List.of(), h.warnings());
        SnapshotInfo two = h.entries().get(1);
        assertEquals(new SnapshotInfo(2, java.time.Instant.parse("2026-11-23T07:22:15.914531798Z"), "root@vm", "apply",
                "sha256:9f2c", null, "0.1.0-SNAPSHOT", null), two);
        assertTrue(Files.readString(dir().resolve("snapshots/3.meta.json")).contains("\"format\": 2"));
    }

    @Test
    void metadataOfANewerFormatIsSkippedWithAWarning() throws Exception {
        LocalBackend b = backend();
        threeVersions(b);
        Path meta = dir().resolve("snapshots/3.meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format\": 2", "\"format\": 3"));
        StateBackend.History h = b.historyWithWarnings();
        assertEquals(List.of(2L, 1L), serials(h.entries()));
        assertEquals(List.of("skipped " + meta + ": it has format 3, written by a newer lockstep (this one reads up to 2)"),
                h.warnings());
    }

    @Test
    void aSerialAtItsMaximumIsRefusedBeforeAnyChange() throws Exception {
        LocalBackend b = backend();
        State max = SampleStates.empty().withResource(SampleStates.instance("a", "v")).withSerial(Long.MAX_VALUE);
        assertFalse(max.canAdvance());
        assertTrue(max.withSerial(Long.MAX_VALUE - 1).canAdvance());
        b.persist(max, LocalBackend.info("apply", null));
        byte[] before = Files.readAllBytes(dir().resolve("state.json"));

        SerialExhaustedException e = assertThrows(SerialExhaustedException.class, () -> b.journal(b.load().state()));
        assertTrue(e.getMessage().contains("has serial " + Long.MAX_VALUE + ", the largest there is"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertFalse(Files.exists(dir().resolve(LocalBackend.JOURNAL_FILE)));
        assertThrows(SerialExhaustedException.class, () -> b.restore(Long.MAX_VALUE, null));
        assertArrayEquals(before, Files.readAllBytes(dir().resolve("state.json")));
        assertEquals(List.of(Long.MAX_VALUE), serials(b.history()));
    }
}
