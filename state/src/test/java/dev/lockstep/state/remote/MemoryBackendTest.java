package dev.lockstep.state.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.testing.SampleStates;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shared backend on the in-memory store, plus what only an in-memory store can show: a writer
 * failing after every possible number of successful requests, and states spread over many chunks.
 */
class MemoryBackendTest extends SharedBackendContract {

    private MemoryStore last;

    @Override
    protected RemoteStore store() {
        last = new MemoryStore(4096);
        return last;
    }

    @Override
    protected RemoteStore sameStore() {
        return last;
    }

    /** A state big enough to need many chunks of 4 KiB, even compressed. */
    static State big(long serial) {
        State s = SampleStates.empty();
        Random r = new Random(serial);
        for (int i = 0; i < 600; i++) {
            s = s.withResource(SampleStates.instance("r" + i, Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong())));
        }
        return s.withSerial(serial);
    }

    @Test
    void aStateLargerThanOneBlobIsChunkedAndReadBack() throws Exception {
        MemoryStore store = (MemoryStore) store();
        RemoteBackend b = backend(store, 2);
        b.persist(big(1), info("apply"));
        long chunks = store.blobs().keySet().stream().filter(n -> n.startsWith("chunk.")).count();
        assertTrue(chunks > 3, "chunks: " + chunks);
        assertEquals(big(1), backend(store, 2).load().state());
    }

    @Test
    void aWriterThatFailsAtAnyPointLeavesTheLastVersionCurrentAndItsBlobsAreCollected() throws Exception {
        for (int failAfter = 0; failAfter < 40; failAfter++) {
            MemoryStore store = (MemoryStore) store();
            RemoteBackend b = backend(store, 2);
            b.persist(big(1), info("apply"));
            store.failNext(failAfter);
            boolean wrote;
            try {
                b.persist(big(2), info("apply"));
                wrote = true;
            } catch (StateException e) {
                wrote = false;
            }
            store.failNext(-1);
            State loaded = backend(store, 2).load().state();
            assertTrue(loaded.equals(big(1)) || loaded.equals(big(2)), "never torn, at failure " + failAfter);
            if (wrote) {
                assertEquals(big(2), loaded);
            }
            backend(store, 2).persist(big(loaded.serial() + 1).withSerial(loaded.serial() + 1), info("apply"));
            backend(store, 1).persist(big(loaded.serial() + 2), info("apply"));
            Map<String, byte[]> blobs = store.blobs();
            long metas = blobs.keySet().stream().filter(n -> n.startsWith("meta.")).count();
            assertEquals(1, metas, "after a write with retention 1, only its version is left (failure " + failAfter + "): "
                    + blobs.keySet());
        }
    }

    @Test
    void theChunksOfAPrunedVersionAreDeleted() throws Exception {
        MemoryStore store = (MemoryStore) store();
        RemoteBackend b = backend(store, 1);
        b.persist(big(1), info("apply"));
        int one = store.blobCount();
        b.persist(big(2), info("apply"));
        b.persist(big(3), info("apply"));
        assertEquals(one, store.blobCount(), store.blobs().keySet().toString());
        assertThrows(StateException.class, () -> b.persist(big(3), info("apply")));
    }

    @Test
    void aJournalEntryLargerThanOneBlobIsSplitAndRecoveredWhole() throws Exception {
        MemoryStore store = (MemoryStore) store();
        RemoteBackend b = backend(store, 2);
        b.persist(SampleStates.empty(), info("apply"));
        var j = b.journal(b.load().state());
        String big = "x".repeat(3 * store.maxBlobBytes());
        j.put(SampleStates.instance("big", big));
        assertTrue(store.listBlobs("journal.").size() >= 4, "split: " + store.listBlobs("journal.").keySet());
        var loaded = backend(store, 2).load();
        assertTrue(loaded.recovered());
        assertEquals(big, loaded.state().resource(dev.lockstep.api.addr.ResourceAddress.managed("terraform_data", "big"))
                .attributes().get("input").asString());
    }
}
