package dev.lockstep.state.remote;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.journal.JournalCodec;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shared backend's journal: entries in the local journal's line format ({@link JournalCodec}),
 * written in batches as immutable blobs {@code journal.<lineage>.<base serial>.<batch>.<nonce>}.
 * Every call returns only once its entry is stored; calls from several threads share writes (group
 * commit: while one batch is being written, the entries that arrive wait and go out together in the
 * next), so a parallel apply makes far fewer requests than it records results. Batches are written
 * one at a time in order, so replaying them by batch number replays the entries in order. A failed
 * write makes the journal refuse further entries (the store may or may not hold the batch);
 * {@link #commit} still works, since it writes a whole new version.
 */
final class RemoteJournal implements Journal {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RemoteBackend backend;
    private final RemoteStore store;
    private final State base;
    private final String nonce;
    private final TreeMap<ResourceAddress, ResourceInstance> resources;
    private final List<byte[]> buffer = new ArrayList<>();
    private final List<Runnable> bufferEffects = new ArrayList<>();
    private long enqueued;
    private long durable;
    private long seq;
    private int batch;
    private boolean flushing;
    private StateException failure;
    private boolean closed;
    private boolean committed;

    private RemoteJournal(RemoteBackend backend, RemoteStore store, State base) {
        this.backend = backend;
        this.store = store;
        this.base = base;
        this.resources = new TreeMap<>(base.resources());
        byte[] n = new byte[4];
        RANDOM.nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    /** The name prefix of the journal batches recorded on {@code lineage} at {@code baseSerial}. */
    static String prefix(String lineage, long baseSerial) {
        return "journal." + lineage.toLowerCase(java.util.Locale.ROOT) + "." + VersionRef.pad(baseSerial) + ".";
    }

    /** Starts a journal on {@code base} and writes its {@code begin} entry. */
    static RemoteJournal start(RemoteBackend backend, RemoteStore store, State base) throws StateException {
        RemoteJournal j = new RemoteJournal(backend, store, base);
        j.append(new JournalCodec.Entry(JournalCodec.Op.BEGIN, base.lineage(), base.serial(), 0, Instant.now(), null,
                null, base.hashKey()), null);
        return j;
    }

    /**
     * The journal batches under {@code prefix}, joined in batch order (null when there are none).
     * With {@code baseSerial} 0, only batches recorded on a state never stored are taken.
     */
    static byte[] collect(RemoteStore store, String prefix, long baseSerial) throws StateException {
        Map<String, byte[]> blobs = store.listBlobs(prefix);
        TreeMap<String, byte[]> ordered = new TreeMap<>();
        blobs.forEach((name, data) -> {
            String[] p = name.split("\\.");
            if (p.length == 5 && (baseSerial != 0 || Long.parseLong(p[2]) == 0)) {
                ordered.put(p[1] + "." + p[2] + "." + p[3] + "." + p[4], data);
            }
        });
        if (ordered.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ordered.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Override
    public void pending(ResourceInstance planned) throws StateException {
        synchronized (this) {
            ResourceInstance existing = resources.get(planned.address());
            if (existing != null && existing.id() != null) {
                throw new IllegalStateException("refusing to record a pending create over " + planned.address()
                        + ", which is recorded with id " + existing.id());
            }
        }
        ResourceInstance r = planned.withStatus(ResourceInstance.Status.PENDING_CREATE);
        append(entry(JournalCodec.Op.PENDING, r, null), () -> resources.put(r.address(), r));
    }

    @Override
    public void put(ResourceInstance instance) throws StateException {
        append(entry(JournalCodec.Op.PUT, instance, null), () -> resources.put(instance.address(), instance));
    }

    @Override
    public void remove(ResourceAddress address) throws StateException {
        append(entry(JournalCodec.Op.REMOVE, null, address), () -> resources.remove(address));
    }

    private JournalCodec.Entry entry(JournalCodec.Op op, ResourceInstance r, ResourceAddress a) {
        return new JournalCodec.Entry(op, base.lineage(), base.serial(), -1, Instant.now(), r, a, null);
    }

    /** Adds the entry to the next batch and returns once that batch is stored. */
    private void append(JournalCodec.Entry e, Runnable toMemory) throws StateException {
        long mine;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the journal is closed");
            }
            if (failure != null) {
                throw new StateException("the journal in " + store.describe() + " refuses further entries after a failed "
                        + "write: " + failure.getMessage(), failure);
            }
            JournalCodec.Entry numbered = new JournalCodec.Entry(e.op(), e.lineage(), e.baseSerial(), seq++, e.time(),
                    e.resource(), e.address(), e.hashKey());
            buffer.add(JournalCodec.encode(numbered, backend.encryption()));
            if (toMemory != null) {
                bufferEffects.add(toMemory);
            }
            mine = ++enqueued;
        }
        while (true) {
            List<byte[]> lines;
            List<Runnable> effects;
            long upto;
            synchronized (this) {
                while (flushing && durable < mine && failure == null) {
                    waitQuietly();
                }
                if (durable >= mine) {
                    return;
                }
                if (failure != null) {
                    throw new StateException("the journal in " + store.describe() + " could not store an entry: "
                            + failure.getMessage(), failure);
                }
                flushing = true;
                lines = new ArrayList<>(buffer);
                effects = new ArrayList<>(bufferEffects);
                buffer.clear();
                bufferEffects.clear();
                upto = enqueued;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            lines.forEach(out::writeBytes);
            byte[] all = out.toByteArray();
            try {
                // a batch larger than one blob goes out as consecutive blobs; replay joins them in order
                for (int from = 0; from < all.length; from += store.maxBlobBytes()) {
                    store.createBlob(prefix(base.lineage(), base.serial()) + String.format(java.util.Locale.ROOT, "%010d",
                            batch++) + "." + nonce, java.util.Arrays.copyOfRange(all, from,
                            Math.min(all.length, from + store.maxBlobBytes())));
                }
            } catch (StateException ex) {
                synchronized (this) {
                    failure = ex;
                    flushing = false;
                    notifyAll();
                }
                throw ex;
            }
            synchronized (this) {
                effects.forEach(Runnable::run);
                durable = upto;
                flushing = false;
                notifyAll();
            }
        }
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized State current() {
        return new State(base.lineage(), base.serial(), base.hashKey(), resources, base.outputs());
    }

    @Override
    public State commit(Map<String, OutputValue> outputs, SnapshotInfo info) throws StateException {
        State next;
        synchronized (this) {
            while (flushing) {
                waitQuietly();
            }
            if (committed || closed) {
                throw new IllegalStateException("the journal is already " + (committed ? "committed" : "closed"));
            }
            next = new State(base.lineage(), base.serial() + 1, base.hashKey(), resources, outputs);
        }
        backend.commit(next, info);
        synchronized (this) {
            committed = true;
        }
        close();
        return next;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        backend.journalEnded(this);
    }
}
