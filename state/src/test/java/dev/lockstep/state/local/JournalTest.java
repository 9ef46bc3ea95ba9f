package dev.lockstep.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.testing.SampleStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path root;

    private LocalBackend backend(Path config) {
        return new LocalBackend(config.resolve(".lockstep"), LocalBackend.Options.defaults().withLockstepVersion("t"));
    }

    /** A base state at serial 3 with resources x and y. */
    private State base(LocalBackend b) throws StateException {
        State s = SampleStates.empty().withResource(SampleStates.instance("x", "x0"))
                .withResource(SampleStates.instance("y", "y0")).withSerial(3);
        b.persist(s, LocalBackend.info("apply", null));
        return s;
    }

    private static ResourceAddress addr(String name) {
        return ResourceAddress.managed("terraform_data", name);
    }

    /** One journal operation, applied both to a journal and to an in-memory model. */
    private interface Op {
        void apply(Journal j) throws StateException;

        State model(State s);
    }

    private static Op pending(String name) {
        ResourceInstance r = SampleStates.instance(name, "planned");
        return new Op() {
            public void apply(Journal j) throws StateException {
                j.pending(r);
            }

            public State model(State s) {
                return s.withResource(r.withStatus(ResourceInstance.Status.PENDING_CREATE));
            }
        };
    }

    private static Op put(String name, String value) {
        ResourceInstance r = SampleStates.instance(name, value);
        return new Op() {
            public void apply(Journal j) throws StateException {
                j.put(r);
            }

            public State model(State s) {
                return s.withResource(r);
            }
        };
    }

    private static Op remove(String name) {
        return new Op() {
            public void apply(Journal j) throws StateException {
                j.remove(addr(name));
            }

            public State model(State s) {
                return s.withoutResource(addr(name));
            }
        };
    }

    private static final List<Op> OPS = List.of(pending("a"), put("a", "a1"), remove("x"), pending("b"), put("y", "y1"),
            pending("c"), put("b", "b1"), put("a", "a2"), remove("a"), put("d", "d1"));

    /** Runs OPS on a journal, copying the journal file after each acknowledged entry. */
    private List<byte[]> runAndCopyAfterEachAck(LocalBackend b, State base) throws Exception {
        Path jf = b.directory().resolve(LocalBackend.JOURNAL_FILE);
        List<byte[]> prefixes = new ArrayList<>();
        try (Journal j = b.journal(base)) {
            prefixes.add(Files.readAllBytes(jf));
            for (Op op : OPS) {
                op.apply(j);
                prefixes.add(Files.readAllBytes(jf));
            }
            State model = base;
            for (Op op : OPS) {
                model = op.model(model);
            }
            assertEquals(model, j.current());
        }
        return prefixes;
    }

    private StateBackend.Loaded loadWith(Path stateFile, byte[] journal, String name) throws Exception {
        Path config = Files.createDirectories(root.resolve(name));
        LocalBackend b = backend(config);
        Files.createDirectories(b.directory());
        Files.copy(stateFile, b.directory().resolve(LocalBackend.STATE_FILE));
        Files.write(b.directory().resolve(LocalBackend.JOURNAL_FILE), journal);
        return b.load();
    }

    @Test
    void aCrashAtEveryEntryBoundaryLosesNothingAcknowledged() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("src")));
        State base = base(b);
        List<byte[]> prefixes = runAndCopyAfterEachAck(b, base);
        Path stateFile = b.directory().resolve(LocalBackend.STATE_FILE);
        State model = base;
        for (int k = 0; k <= OPS.size(); k++) {
            if (k > 0) {
                model = OPS.get(k - 1).model(model);
            }
            StateBackend.Loaded l = loadWith(stateFile, prefixes.get(k), "crash" + k);
            assertEquals(k > 0, l.recovered(), "after " + k + " entries");
            assertEquals(k > 0 ? model.withSerial(4) : base, l.state(), "after " + k + " entries");
            assertTrue(l.warnings().stream().noneMatch(w -> w.contains("ignored")), l.warnings().toString());

            if (k < OPS.size()) {
                byte[] next = prefixes.get(k + 1);
                int lineLen = next.length - prefixes.get(k).length;
                // torn: the next line only half written, no newline
                byte[] torn = Arrays.copyOf(next, prefixes.get(k).length + lineLen / 2);
                StateBackend.Loaded t = loadWith(stateFile, torn, "torn" + k);
                assertEquals(l.state(), t.state(), "torn after " + k);
                assertTrue(t.warnings().stream().anyMatch(w -> w.contains("ignored the last line")), t.warnings().toString());
                // complete line whose content was damaged: bad CRC
                byte[] flipped = next.clone();
                flipped[prefixes.get(k).length + lineLen / 2] ^= 0x01;
                StateBackend.Loaded f = loadWith(stateFile, flipped, "crc" + k);
                assertEquals(l.state(), f.state(), "bad crc after " + k);
                assertTrue(f.warnings().stream().anyMatch(w -> w.contains("checksum does not match")), f.warnings().toString());
            }
        }
    }

    @Test
    void aDamagedLineFollowedByGoodOnesIsCorruptionNotATornWrite() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("src")));
        State base = base(b);
        byte[] full = runAndCopyAfterEachAck(b, base).get(OPS.size());
        int secondLine = indexOfNth(full, (byte) '\n', 2) - 5;
        full[secondLine] ^= 0x01;
        StateException e = assertThrows(StateException.class,
                () -> loadWith(b.directory().resolve(LocalBackend.STATE_FILE), full, "corrupt"));
        assertTrue(e.getMessage().contains("state.journal is corrupt at line 3"), e.getMessage());
    }

    private static int indexOfNth(byte[] a, byte b, int n) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b && n-- == 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @Test
    void commitPersistsTheNextSerialWithASnapshotAndRemovesTheJournal() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("c")));
        State base = base(b);
        State committed;
        try (Journal j = b.journal(base)) {
            j.put(SampleStates.instance("n", "1"));
            j.remove(addr("x"));
            committed = j.commit(Map.of(), LocalBackend.info("apply", "sha256:p"));
            assertThrows(IllegalStateException.class, () -> j.put(SampleStates.instance("late", "1")));
        }
        assertEquals(4, committed.serial());
        assertFalse(Files.exists(b.directory().resolve(LocalBackend.JOURNAL_FILE)));
        StateBackend.Loaded l = b.load();
        assertFalse(l.recovered());
        assertEquals(committed, l.state());
        assertEquals(java.util.Set.of("y", "n"),
                l.state().resources().keySet().stream().map(ResourceAddress::name).collect(java.util.stream.Collectors.toSet()));
        SnapshotInfo h = b.history().get(0);
        assertEquals(4, h.serial());
        assertEquals("sha256:p", h.planDigest());
        assertEquals(committed, b.snapshot(4).orElseThrow());
    }

    @Test
    void aJournalLeftBehindByACrashAfterCommitIsStale() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("s")));
        State base = base(b);
        Path jf = b.directory().resolve(LocalBackend.JOURNAL_FILE);
        Path saved = root.resolve("saved.journal");
        State committed;
        try (Journal j = b.journal(base)) {
            j.put(SampleStates.instance("n", "1"));
            Files.copy(jf, saved);
            committed = j.commit(null, null);
        }
        Files.copy(saved, jf, StandardCopyOption.REPLACE_EXISTING);
        StateBackend.Loaded l = b.load();
        assertFalse(l.recovered());
        assertEquals(committed, l.state());
        assertTrue(l.warnings().stream().anyMatch(w -> w.contains("ignored 1 entries")), l.warnings().toString());
        try (Journal j = b.journal(l.state())) {
            assertEquals(committed, j.current());
        }
    }

    @Test
    void aPendingCreateWithoutResultStaysPending() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("p")));
        State base = base(b);
        try (Journal j = b.journal(base)) {
            j.pending(SampleStates.instance("new", "v"));
            j.pending(SampleStates.instance("other", "v"));
            j.put(SampleStates.instance("other", "created"));
        }
        State s = b.load().state();
        ResourceInstance r = s.resource(addr("new"));
        assertEquals(ResourceInstance.Status.PENDING_CREATE, r.status());
        assertEquals(ResourceInstance.Status.READY, s.resource(addr("other")).status());
    }

    @Test
    void aPendingCreateCannotHideARecordedObject() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("pc")));
        State base = base(b);
        try (Journal j = b.journal(base)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> j.pending(SampleStates.instance("x", "again")));
            assertTrue(e.getMessage().contains("object id-x is recorded there"), e.getMessage());
            j.remove(addr("x"));
            j.pending(SampleStates.instance("x", "again"));
            j.pending(SampleStates.instance("x", "retry"));
        }
        assertEquals(ResourceInstance.Status.PENDING_CREATE, b.load().state().resource(addr("x")).status());
    }

    @Test
    void startingOnARecoveredStateStoresItFirst() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("r")));
        State base = base(b);
        try (Journal j = b.journal(base)) {
            j.put(SampleStates.instance("n", "1"));
        }
        StateBackend.Loaded l = b.load();
        assertTrue(l.recovered());
        assertEquals(4, l.state().serial());
        // the stale base is refused: it would drop the recovered result
        StateException e = assertThrows(StateException.class, () -> b.journal(base));
        assertTrue(e.getMessage().contains("load the state again to recover them"), e.getMessage());
        State committed;
        try (Journal j = b.journal(l.state())) {
            assertEquals(4, b.history().get(0).serial());
            assertEquals("recover", b.history().get(0).command());
            j.put(SampleStates.instance("m", "1"));
            committed = j.commit(null, null);
        }
        assertEquals(5, committed.serial());
        assertTrue(committed.resources().containsKey(addr("n")) && committed.resources().containsKey(addr("m")));
        assertEquals(committed, b.load().state());
    }

    @Test
    void persistingARecoveredStateRetiresTheJournal() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("rp")));
        State base = base(b);
        try (Journal j = b.journal(base)) {
            j.put(SampleStates.instance("n", "1"));
        }
        State recovered = b.load().state();
        b.persist(recovered.withoutResource(addr("x")), LocalBackend.info("state rm", null));
        assertFalse(Files.exists(b.directory().resolve(LocalBackend.JOURNAL_FILE)));
        StateBackend.Loaded l = b.load();
        assertFalse(l.recovered());
        assertTrue(l.warnings().isEmpty(), l.warnings().toString());
        assertEquals(4, l.state().serial());
        assertTrue(l.state().resources().containsKey(addr("n")));
    }

    @Test
    void persistingAStateLoadedBeforeTheCrashIsRefused() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("stale")));
        State base = base(b);
        State before = b.load().state();
        try (Journal j = b.journal(base)) {
            j.put(SampleStates.instance("n", "1"));
        }
        StateException e = assertThrows(StateException.class,
                () -> b.persist(before.withoutResource(addr("x")).withSerial(4), null));
        assertTrue(e.getMessage().contains("that this state was not loaded with"), e.getMessage());
        LocalBackend other = backend(root.resolve("stale"));
        assertThrows(StateException.class, () -> other.persist(before.withSerial(4), null));
        State recovered = other.load().state();
        other.persist(recovered.withoutResource(addr("x")), null);
        assertTrue(other.load().state().resources().containsKey(addr("n")));
    }

    @Test
    void oneJournalAtATimeAndNoPersistWhileItIsOpen() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("one")));
        State base = base(b);
        try (Journal j = b.journal(base)) {
            assertTrue(assertThrows(StateException.class, () -> b.journal(base)).getMessage().contains("already open"));
            assertTrue(assertThrows(StateException.class, () -> b.persist(base.withSerial(4), null)).getMessage()
                    .contains("while a journal is open"));
            j.put(SampleStates.instance("n", "1"));
        }
        try (Journal j = b.journal(b.load().state())) {
            assertEquals(5, j.commit(null, null).serial());
        }
        b.persist(b.load().state().withSerial(6), null);
    }

    @Test
    void aJournalOnANeverStoredStateIsRecoverable() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("fresh")));
        State fresh = b.load().state();
        try (Journal j = b.journal(fresh)) {
            j.put(SampleStates.instance("a", "1"));
            j.pending(SampleStates.instance("b", "1"));
        }
        StateBackend.Loaded l = b.load();
        assertTrue(l.recovered());
        assertEquals(fresh.lineage(), l.state().lineage());
        assertTrue(Arrays.equals(fresh.hashKey(), l.state().hashKey()));
        assertEquals(1, l.state().serial());
        assertEquals(2, l.state().resources().size());
        try (Journal j = b.journal(l.state())) {
            assertEquals(1, b.load().state().serial());
            assertEquals(2, j.commit(null, null).serial());
        }
    }

    @Test
    void concurrentAppendsAreAllRecordedInOrderOfTheirLines() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("mt")));
        State base = base(b);
        int threads = 8;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Journal j = b.journal(base)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        j.put(SampleStates.instance("t" + tt + "_" + i, "v"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            assertEquals(2 + threads * each, j.current().resources().size());
        } finally {
            pool.shutdown();
        }
        List<String> lines = Files.readAllLines(b.directory().resolve(LocalBackend.JOURNAL_FILE), StandardCharsets.UTF_8);
        assertEquals(1 + threads * each, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).contains("\"seq\":" + i + ","), "line " + i);
        }
        StateBackend.Loaded l = b.load();
        assertTrue(l.warnings().stream().noneMatch(w -> w.contains("ignored")), l.warnings().toString());
        assertEquals(2 + threads * each, l.state().resources().size());
    }

    @Test
    void aClosedJournalRefusesEntriesAndKeepsWhatItHas() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("closed")));
        State base = base(b);
        Journal j = b.journal(base);
        j.put(SampleStates.instance("k", "1"));
        j.close();
        assertThrows(IllegalStateException.class, () -> j.put(SampleStates.instance("k2", "1")));
        assertThrows(IllegalStateException.class, () -> j.commit(null, null));
        assertTrue(b.load().state().resources().containsKey(addr("k")));
    }

    @Test
    void theJournalIsCheckedAgainstTheStoredState() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("chk")));
        State base = base(b);
        assertThrows(StateException.class, () -> b.journal(base.withSerial(2)));
        assertThrows(StateException.class, () -> b.journal(State.empty().withSerial(3)));
        Map<ResourceAddress, ResourceInstance> none = new TreeMap<>();
        assertThrows(StateException.class, () -> b.journal(new State(base.lineage(), 9, base.hashKey(), none, Map.of())));
    }

    @Test
    void aSecretIsRefusedBeforeAnythingIsWritten() throws Exception {
        LocalBackend b = backend(Files.createDirectories(root.resolve("sec")));
        State base = base(b);
        ResourceInstance leaky = new ResourceInstance(addr("s"), "terraform", 0, "id",
                dev.lockstep.api.value.Value.object(Map.of("input",
                        dev.lockstep.api.value.Value.string(SampleStates.CANARY).markSensitive())),
                Map.of(), List.of(), ResourceInstance.Status.READY, null, null);
        try (Journal j = b.journal(base)) {
            StateException e = assertThrows(StateException.class, () -> j.put(leaky));
            assertTrue(e.getMessage().startsWith("refusing to record terraform_data.s: refusing to record the sensitive "
                    + "value at input"), e.getMessage());
            assertFalse(e.getMessage().contains(SampleStates.CANARY));
            j.put(SampleStates.instance("fine", "1"));
            assertFalse(j.current().resources().containsKey(addr("s")));
        }
        String text = Files.readString(b.directory().resolve(LocalBackend.JOURNAL_FILE));
        assertFalse(text.contains(SampleStates.CANARY));
        assertTrue(b.load().state().resources().containsKey(addr("fine")));
    }
}
