package dev.lockstep.state.remote;

import dev.lockstep.state.backend.StateException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link RemoteStore} with the semantics every real store must have (immutable blobs,
 * compare-and-swap pointer and lease). For tests; {@link #failNext} injects a failure into the
 * next calls to exercise a writer dying part-way.
 */
public final class MemoryStore implements RemoteStore {

    private final Map<String, byte[]> blobs = new TreeMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final int maxBlob;
    private Versioned pointer;
    private LeaseRecord lease;
    private int failAfter = -1;
    private int calls;

    public MemoryStore(int maxBlobBytes) {
        this.maxBlob = maxBlobBytes;
    }

    /** Every call after the next {@code n} successful ones fails with a StateException, until reset with -1. */
    public synchronized void failNext(int n) {
        failAfter = n;
        calls = 0;
    }

    /** How many blobs are stored. */
    public synchronized int blobCount() {
        return blobs.size();
    }

    /** A copy of every blob, by name. */
    public synchronized Map<String, byte[]> blobs() {
        return new TreeMap<>(blobs);
    }

    private void call() throws StateException {
        if (failAfter >= 0 && calls++ >= failAfter) {
            throw new StateException("memory store: injected failure");
        }
    }

    @Override
    public String describe() {
        return "memory store";
    }

    @Override
    public int maxBlobBytes() {
        return maxBlob;
    }

    @Override
    public synchronized void createBlob(String name, byte[] data) throws StateException {
        call();
        if (data.length > maxBlob) {
            throw new StateException("memory store: blob " + name + " is " + data.length + " bytes, over " + maxBlob);
        }
        if (blobs.containsKey(name)) {
            throw new ConflictException("memory store: blob " + name + " exists");
        }
        blobs.put(name, data.clone());
    }

    @Override
    public synchronized Optional<byte[]> readBlob(String name) throws StateException {
        call();
        byte[] b = blobs.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    @Override
    public synchronized Map<String, byte[]> listBlobs(String prefix) throws StateException {
        call();
        Map<String, byte[]> out = new HashMap<>();
        blobs.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v.clone());
            }
        });
        return out;
    }

    @Override
    public synchronized void deleteBlob(String name) throws StateException {
        call();
        blobs.remove(name);
    }

    @Override
    public synchronized Optional<Versioned> readPointer() throws StateException {
        call();
        return Optional.ofNullable(pointer);
    }

    @Override
    public synchronized String writePointer(Map<String, String> fields, String expectedVersion) throws StateException {
        call();
        String current = pointer == null ? null : pointer.version();
        if (!java.util.Objects.equals(current, expectedVersion)) {
            throw new ConflictException("memory store: pointer is at " + current + ", not " + expectedVersion);
        }
        pointer = new Versioned(fields, Long.toString(versions.incrementAndGet()));
        return pointer.version();
    }

    @Override
    public LeaseStore lease() {
        return new LeaseStore() {
            @Override
            public Optional<LeaseRecord> read() throws StateException {
                synchronized (MemoryStore.this) {
                    call();
                    return Optional.ofNullable(lease);
                }
            }

            @Override
            public String write(LeaseRecord record, String expectedVersion) throws StateException {
                synchronized (MemoryStore.this) {
                    call();
                    String current = lease == null ? null : lease.version();
                    if (!java.util.Objects.equals(current, expectedVersion)) {
                        throw new ConflictException("memory store: lease is at " + current + ", not " + expectedVersion);
                    }
                    lease = record.withVersion(Long.toString(versions.incrementAndGet()));
                    return lease.version();
                }
            }

            @Override
            public void delete(String expectedVersion) throws StateException {
                synchronized (MemoryStore.this) {
                    call();
                    if (lease != null && !lease.version().equals(expectedVersion)) {
                        throw new ConflictException("memory store: lease is at " + lease.version());
                    }
                    lease = null;
                }
            }
        };
    }

    @Override
    public void close() {
    }
}
