package dev.lockstep.state.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.backend.StateLockedException;
import dev.lockstep.state.testing.SampleStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What a {@link RemoteBackend} guarantees, run on each store through its real client (extend it and
 * return a fresh, empty store). Published in the state module's test jar.
 */
public abstract class SharedBackendContract {

    /** A fresh, empty store; two calls in one test must return stores that share their data when {@code same}. */
    protected abstract RemoteStore store() throws Exception;

    /** A second client on the store {@link #store()} returned last (another runner, in effect). */
    protected abstract RemoteStore sameStore() throws Exception;

    protected RemoteBackend backend(RemoteStore s, int retention) {
        return new RemoteBackend(s, RemoteBackend.Options.defaults("/cfg").withRetention(retention)
                .withLockDuration(Duration.ofSeconds(2)));
    }

    protected static SnapshotInfo info(String command) {
        return new SnapshotInfo(0, null, null, command, "sha256:abc", null, null);
    }

    static State version(State base, long serial, String name) {
        return base.withResource(SampleStates.instance(name, "v" + serial)).withSerial(serial);
    }

    @Test
    void anEmptyStoreLoadsAnEmptyState() throws Exception {
        RemoteBackend b = backend(store(), 5);
        StateBackend.Loaded l = b.load();
        assertEquals(0, l.state().serial());
        assertFalse(l.recovered());
        assertTrue(b.history().isEmpty());
        assertTrue(b.snapshot(1).isEmpty());
    }

    @Test
    void versionsRoundTripThroughAnotherClientWithHistoryAndRetention() throws Exception {
        RemoteBackend b = backend(store(), 3);
        State s = SampleStates.rich();
        for (long serial = s.serial(); serial < s.serial() + 5; serial++) {
            b.persist(version(s, serial, "r" + serial), info("apply"));
        }
        RemoteBackend other = backend(sameStore(), 3);
        State loaded = other.load().state();
        long last = s.serial() + 4;
        assertEquals(version(s, last, "r" + last), loaded);
        List<SnapshotInfo> h = other.history();
        assertEquals(List.of(last, last - 1, last - 2), h.stream().map(SnapshotInfo::serial).toList());
        assertEquals("apply", h.get(0).command());
        assertEquals("sha256:abc", h.get(0).planDigest());
        assertEquals(version(s, last - 2, "r" + (last - 2)), other.snapshot(last - 2).orElseThrow());
        assertTrue(other.snapshot(last - 3).isEmpty(), "pruned beyond the retention");
    }

    @Test
    void aStaleWriterIsRefusedByTheCompareAndSwap() throws Exception {
        RemoteBackend a = backend(store(), 5);
        State s = SampleStates.rich();
        a.persist(s, info("apply"));
        RemoteBackend b = backend(sameStore(), 5);
        State seenByB = b.load().state();
        a.persist(version(s, s.serial() + 1, "a"), info("apply"));
        StateException e = assertThrows(StateException.class,
                () -> b.persist(version(seenByB, seenByB.serial() + 1, "b"), info("apply")));
        assertTrue(e.getMessage().contains("changed since this command read it"), e.getMessage());
        assertEquals(version(s, s.serial() + 1, "a"), b.load().state());
        State other = new State("11111111-2222-3333-4444-555555555555", 99, SampleStates.key(), Map.of(), Map.of());
        StateException lineage = assertThrows(StateException.class, () -> b.persist(other, info("apply")));
        assertTrue(lineage.getMessage().contains("different states"), lineage.getMessage());
    }

    @Test
    void aJournalLeftByAKilledWriterIsRecoveredByAnotherClient() throws Exception {
        RemoteBackend a = backend(store(), 5);
        State s = SampleStates.empty();
        a.persist(s, info("apply"));
        Journal j = a.journal(a.load().state());
        j.put(SampleStates.instance("one", "1"));
        j.pending(SampleStates.instance("two", "2"));
        j.remove(ResourceAddress.managed("terraform_data", "nothing"));
        // the writer dies here: no commit, no close
        RemoteBackend b = backend(sameStore(), 5);
        StateBackend.Loaded l = b.load();
        assertTrue(l.recovered());
        assertEquals(s.serial() + 1, l.state().serial());
        assertEquals(ResourceInstance.Status.READY, l.state().resource(ResourceAddress.managed("terraform_data", "one"))
                .status());
        assertEquals(ResourceInstance.Status.PENDING_CREATE,
                l.state().resource(ResourceAddress.managed("terraform_data", "two")).status());
        Journal next = b.journal(l.state());
        next.put(SampleStates.instance("two", "2"));
        State committed = next.commit(Map.of("o", new OutputValue(dev.lockstep.api.value.Value.string("x"), false, null)),
                info("apply"));
        assertEquals(s.serial() + 2, committed.serial());
        assertEquals(List.of(s.serial() + 2, s.serial() + 1, s.serial()),
                b.history().stream().map(SnapshotInfo::serial).toList());
        assertEquals("recover", b.history().get(1).command());
        StateBackend.Loaded again = backend(sameStore(), 5).load();
        assertFalse(again.recovered(), "a committed journal is retired: " + again.warnings());
        assertEquals(committed, again.state());
    }

    @Test
    void parallelJournalEntriesShareWritesAndAllSurvive() throws Exception {
        RemoteStore store = store();
        RemoteBackend a = backend(store, 5);
        a.persist(SampleStates.empty(), info("apply"));
        Journal j = a.journal(a.load().state());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    j.put(SampleStates.instance("t" + thread + "i" + i, "v"));
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        int batches = store.listBlobs("journal.").size();
        assertTrue(batches <= 201, "at most one write per entry plus begin: " + batches);
        StateBackend.Loaded l = backend(sameStore(), 5).load();
        assertEquals(200, l.state().resources().size());
    }

    @Test
    void theLeaseAdmitsOneHolderAndNamesIt() throws Exception {
        RemoteBackend a = backend(store(), 5);
        RemoteBackend b = backend(sameStore(), 5);
        try (Lock held = a.locker().acquire("apply", "sha256:9f2c", Duration.ZERO)) {
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> b.locker().acquire("plan", Duration.ofMillis(300)));
            assertEquals(held.info().id(), e.holder().id());
            assertTrue(e.getMessage().contains("of plan sha256:9f2c"), e.getMessage());
            assertEquals("apply", b.locker().current().orElseThrow().operation());
            assertEquals("sha256:9f2c", b.locker().current().orElseThrow().planDigest(), "the plan being applied");
            Thread.sleep(2500); // beyond the 2 s duration: renewal keeps it
            assertThrows(StateLockedException.class, () -> b.locker().acquire("plan", Duration.ZERO));
        }
        assertTrue(b.locker().current().isEmpty());
        try (Lock l = b.locker().acquire("plan", Duration.ZERO)) {
            assertEquals("plan", a.locker().current().orElseThrow().operation());
        }
    }

    @Test
    void anAbandonedLeaseIsTakenOverOnlyAfterItExpires() throws Exception {
        RemoteStore s = store();
        LeaseStore lease = s.lease();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        LockInfo dead = new LockInfo("dead-holder", "ci@runner-1", "apply", now, "/cfg", "0.1", 4242, now.plusSeconds(2));
        lease.write(new LeaseRecord(dead, Duration.ofSeconds(2), now, now, null), null);
        RemoteBackend b = backend(sameStore(), 5);
        StateLockedException e = assertThrows(StateLockedException.class,
                () -> b.locker().acquire("apply", Duration.ZERO));
        assertEquals("dead-holder", e.holder().id());
        long start = System.nanoTime();
        try (Lock l = b.locker().acquire("apply", Duration.ofSeconds(10))) {
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 1000, "waited for the expiry: " + waited + " ms");
            assertEquals("apply", l.info().operation());
        }
    }

    @Test
    void forceUnlockNeedsTheExactId() throws Exception {
        RemoteBackend a = backend(store(), 5);
        Lock held = a.locker().acquire("apply", Duration.ZERO);
        RemoteBackend b = backend(sameStore(), 5);
        StateException wrong = assertThrows(StateException.class, () -> b.locker().forceUnlock("nope"));
        assertTrue(wrong.getMessage().contains(held.info().id()), wrong.getMessage());
        b.locker().forceUnlock(held.info().id());
        assertEquals(Optional.empty(), b.locker().current());
        held.close();
    }
}
