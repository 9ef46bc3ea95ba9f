package dev.lockstep.state.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.state.backend.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RemoteStore} must do, run against each implementation through its real
 * client (extend it and return a fresh, empty store from {@link #store()}). Published in the
 * state module's test jar.
 */
public abstract class RemoteStoreContract {

    /** A fresh, empty store (a new namespace, bucket or key prefix). */
    protected abstract RemoteStore store() throws Exception;

    @Test
    void blobsAreImmutableAndListedByPrefix() throws Exception {
        try (RemoteStore s = store()) {
            byte[] big = new byte[Math.min(s.maxBlobBytes(), 600_000)];
            new Random(1).nextBytes(big);
            s.createBlob("chunk.1.abc.0", big);
            s.createBlob("meta.1.abc", "{\"m\":1}".getBytes());
            s.createBlob("meta.2.def", "{\"m\":2}".getBytes());
            assertArrayEquals(big, s.readBlob("chunk.1.abc.0").orElseThrow());
            assertThrows(ConflictException.class, () -> s.createBlob("meta.1.abc", new byte[] {1}));
            assertArrayEquals("{\"m\":1}".getBytes(), s.readBlob("meta.1.abc").orElseThrow());
            Map<String, byte[]> metas = s.listBlobs("meta.");
            assertEquals(2, metas.size());
            assertArrayEquals("{\"m\":2}".getBytes(), metas.get("meta.2.def"));
            assertEquals(1, s.listBlobs("meta.2.").size());
            assertTrue(s.listBlobs("journal.").isEmpty());
            s.deleteBlob("meta.1.abc");
            s.deleteBlob("meta.1.abc");
            assertTrue(s.readBlob("meta.1.abc").isEmpty());
            assertEquals(1, s.listBlobs("meta.").size());
        }
    }

    @Test
    void pointerIsCompareAndSwap() throws Exception {
        try (RemoteStore s = store()) {
            assertTrue(s.readPointer().isEmpty());
            String v1 = s.writePointer(Map.of("serial", "1"), null);
            assertThrows(ConflictException.class, () -> s.writePointer(Map.of("serial", "1"), null));
            String v2 = s.writePointer(Map.of("serial", "2"), v1);
            assertNotEquals(v1, v2);
            assertThrows(ConflictException.class, () -> s.writePointer(Map.of("serial", "3"), v1));
            RemoteStore.Versioned p = s.readPointer().orElseThrow();
            assertEquals(Map.of("serial", "2"), p.fields());
            assertEquals(v2, p.version());
        }
    }

    @Test
    void leaseIsCompareAndSwap() throws Exception {
        try (RemoteStore s = store()) {
            LeaseStore l = s.lease();
            assertTrue(l.read().isEmpty());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LockInfo info = new LockInfo("id-1", "ana@ci", "apply", now, "/cfg", "0.1", 42, now.plusSeconds(30));
            LeaseRecord rec = new LeaseRecord(info, Duration.ofSeconds(30), now, now, null);
            String v1 = l.write(rec, null);
            assertThrows(ConflictException.class, () -> l.write(rec, null));
            LeaseRecord read = l.read().orElseThrow();
            assertEquals(info, read.info());
            assertEquals(Duration.ofSeconds(30), read.duration());
            assertEquals(now, read.renewed());
            assertEquals(v1, read.version());
            String v2 = l.write(new LeaseRecord(info, Duration.ofSeconds(30), now, now.plusSeconds(5), null), v1);
            assertThrows(ConflictException.class, () -> l.write(rec, v1));
            assertThrows(ConflictException.class, () -> l.delete(v1));
            l.delete(v2);
            assertTrue(l.read().isEmpty());
            l.delete(v2);
        }
    }

    @Test
    void oversizedBlobIsRefusedNotTruncated() throws Exception {
        try (RemoteStore s = store()) {
            assertThrows(dev.lockstep.state.backend.StateException.class,
                    () -> s.createBlob("chunk.9.x.0", new byte[s.maxBlobBytes() + 1]));
            assertTrue(s.readBlob("chunk.9.x.0").isEmpty());
        }
    }
}
