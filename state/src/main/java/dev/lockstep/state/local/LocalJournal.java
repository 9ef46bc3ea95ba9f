package dev.lockstep.state.local;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.FileProblem;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateException;
import dev.lockstep.state.journal.JournalCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The local backend's journal: {@code state.journal}, one line per entry ({@link JournalCodec}),
 * each forced to disk before {@link #put} and friends return. Appends from several threads are
 * serialized for writing, and share their fsyncs (a thread whose line was already covered by
 * another thread's fsync returns without one of its own), so a parallel apply pays for fewer
 * fsyncs than it records results. The cost of an entry depends on the size of that one resource,
 * never on the size of the state.
 *
 * <p>A write that fails part-way is cut back off the file, so the journal never holds a torn line
 * followed by good ones; a failed fsync makes the journal refuse further entries (the kernel may
 * have dropped the data, and retrying would pretend otherwise) but {@link #commit} still works,
 * because it writes a whole new state file.
 */
final class LocalJournal implements Journal {

    private final LocalBackend backend;
    private final Path file;
    private final State base;
    private final TreeMap<ResourceAddress, ResourceInstance> resources;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private final FileChannel channel;
    private long written;
    private long seq;
    private volatile long synced;
    private IOException failure;
    private boolean closed;
    private boolean committed;

    private LocalJournal(LocalBackend backend, Path file, State base, FileChannel channel) {
        this.backend = backend;
        this.file = file;
        this.base = base;
        this.channel = channel;
        this.resources = new TreeMap<>(base.resources());
    }

    /** Creates {@code file} (which must not exist) and writes its {@code begin} entry durably. */
    static LocalJournal create(LocalBackend backend, Path file, State base) throws StateException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    FileOps.privateFile());
        } catch (IOException e) {
            throw new StateException(FileProblem.describe("create the journal", file, e), e);
        }
        LocalJournal j = new LocalJournal(backend, file, base, ch);
        try {
            j.append(new JournalCodec.Entry(JournalCodec.Op.BEGIN, base.lineage(), base.serial(), 0, Instant.now(),
                    null, null, base.hashKey()), null, null);
            FileOps.forceDirectory(file.toAbsolutePath().getParent());
        } catch (IOException | StateException e) {
            j.close();
            throw new StateException("cannot start the journal " + file + ": " + (e instanceof IOException io
                    ? FileProblem.reason(io) : e.getMessage()), e);
        }
        return j;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if an object with an id is already recorded at that address:
     *     recording a pending create there would drop that object's identity, and a crash would
     *     orphan it (a create-before-destroy replacement needs the old object kept under another
     *     key first)
     */
    @Override
    public void pending(ResourceInstance planned) throws StateException {
        ResourceInstance r = planned.withStatus(ResourceInstance.Status.PENDING_CREATE);
        append(entry(JournalCodec.Op.PENDING, r, null), () -> {
            ResourceInstance there = resources.get(r.address());
            if (there != null && there.id() != null && there.status() != ResourceInstance.Status.PENDING_CREATE) {
                throw new IllegalStateException("cannot record a pending create of " + r.address() + ": object "
                        + there.id() + " is recorded there; remove it first");
            }
        }, () -> resources.put(r.address(), r));
    }

    @Override
    public void put(ResourceInstance instance) throws StateException {
        Objects.requireNonNull(instance, "instance");
        append(entry(JournalCodec.Op.PUT, instance, null), null, () -> resources.put(instance.address(), instance));
    }

    @Override
    public void remove(ResourceAddress address) throws StateException {
        Objects.requireNonNull(address, "address");
        append(entry(JournalCodec.Op.REMOVE, null, address), null, () -> resources.remove(address));
    }

    private JournalCodec.Entry entry(JournalCodec.Op op, ResourceInstance r, ResourceAddress a) {
        return new JournalCodec.Entry(op, base.lineage(), base.serial(), -1, Instant.now(), r, a, null);
    }

    /**
     * Checks {@code precondition}, writes the entry (assigning its sequence number), applies it to
     * memory, then waits until it is on disk. Encoding happens under the write lock so that file order, sequence order and
     * memory order agree.
     */
    private void append(JournalCodec.Entry e, Runnable precondition, Runnable toMemory) throws StateException {
        long end;
        synchronized (writeLock) {
            if (precondition != null) {
                precondition.run();
            }
            if (committed || closed) {
                throw new IllegalStateException("the journal " + file + " is " + (committed ? "committed" : "closed"));
            }
            if (failure != null) {
                throw new StateException("the journal " + file + " failed earlier (" + FileProblem.reason(failure)
                        + ") and records nothing more; the results so far are kept in memory for commit", failure);
            }
            JournalCodec.Entry numbered = new JournalCodec.Entry(e.op(), e.lineage(), e.baseSerial(), seq, e.time(),
                    e.resource(), e.address(), e.hashKey());
            byte[] line;
            try {
                line = JournalCodec.encode(numbered, backend.encryption());
            } catch (IllegalArgumentException ex) {
                throw new StateException("refusing to record " + ex.getMessage(), ex);
            }
            long pos = written;
            try {
                FileOps.writeFully(channel, ByteBuffer.wrap(line));
            } catch (IOException ex) {
                try {
                    channel.truncate(pos);
                    channel.position(pos);
                } catch (IOException cut) {
                    failure = ex;
                }
                throw new StateException("cannot append to the journal " + file + ": " + FileProblem.reason(ex)
                        + what(e), ex);
            }
            seq++;
            written = pos + line.length;
            end = written;
            if (toMemory != null) {
                toMemory.run();
            }
        }
        sync(end, e);
    }

    private void sync(long end, JournalCodec.Entry e) throws StateException {
        if (synced >= end) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= end) {
                return;
            }
            long target;
            synchronized (writeLock) {
                target = written;
                if (failure != null) {
                    throw new StateException("the journal " + file + " failed earlier: " + FileProblem.reason(failure), failure);
                }
            }
            try {
                channel.force(false);
            } catch (IOException ex) {
                synchronized (writeLock) {
                    failure = ex;
                }
                throw new StateException("cannot force the journal " + file + " to disk: " + FileProblem.reason(ex) + what(e),
                        ex);
            }
            synced = target;
        }
    }

    private static String what(JournalCodec.Entry e) {
        if (e.op() == JournalCodec.Op.BEGIN) {
            return "";
        }
        return "; the " + e.op().name().toLowerCase(java.util.Locale.ROOT) + " of "
                + (e.resource() != null ? e.resource().address() : e.address()) + " is not recorded";
    }

    @Override
    public State current() {
        synchronized (writeLock) {
            return new State(base.lineage(), base.serial(), base.hashKey(), resources, base.outputs());
        }
    }

    /** The state this journal records changes to. */
    State base() {
        return base;
    }

    /** {@inheritDoc} A null {@code outputs} keeps the base state's outputs. */
    @Override
    public State commit(Map<String, OutputValue> outputs, SnapshotInfo info) throws StateException {
        synchronized (writeLock) {
            if (committed || closed) {
                throw new IllegalStateException("the journal " + file + " is " + (committed ? "committed" : "closed"));
            }
            State next = new State(base.lineage(), base.serial() + 1, base.hashKey(), resources,
                    outputs == null ? base.outputs() : outputs);
            backend.write(next, info);
            committed = true;
            closeChannel();
            backend.journalCommitted(file);
            backend.journalEnded(this);
            return next;
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (!closed && !committed) {
                closeChannel();
            }
            closed = true;
        }
        backend.journalEnded(this);
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LocalBackend.LOG.log(System.Logger.Level.WARNING, "closing " + file + ": " + FileProblem.reason(e));
        }
    }
}
