package dev.lockstep.planner.testing;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.Journal;
import dev.lockstep.state.backend.Lock;
import dev.lockstep.state.backend.LockInfo;
import dev.lockstep.state.backend.Locker;
import dev.lockstep.state.backend.SnapshotInfo;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory state backend for engine tests: versions in a list, a journal that applies entries directly. */
public final class MemoryBackend implements StateBackend {

    private final List<State> versions = new ArrayList<>();
    private final List<SnapshotInfo> infos = new ArrayList<>();
    /** Every journal entry ever written, in order, for assertions: "pending a", "put a", "remove a". */
    public final List<String> journalLog = new ArrayList<>();

    @Override
    public synchronized Loaded load() {
        return new Loaded(versions.isEmpty() ? State.empty() : versions.get(versions.size() - 1), false, List.of());
    }

    @Override
    public synchronized void persist(State state, SnapshotInfo info) throws StateException {
        if (!versions.isEmpty() && state.serial() <= versions.get(versions.size() - 1).serial()) {
            throw new StateException("serial must grow");
        }
        versions.add(state);
        infos.add(info);
    }

    @Override
    public Journal journal(State base) {
        return new Journal() {
            private State current = base;

            @Override
            public synchronized void pending(ResourceInstance planned) {
                journalLog.add("pending " + planned.address());
                if (current.resource(planned.address()) == null) {
                    current = current.withResource(planned);
                }
            }

            @Override
            public synchronized void put(ResourceInstance instance) {
                journalLog.add("put " + instance.address());
                current = current.withResource(instance);
            }

            @Override
            public synchronized void remove(ResourceAddress address) {
                journalLog.add("remove " + address);
                current = current.withoutResource(address);
            }

            @Override
            public synchronized State current() {
                return current;
            }

            @Override
            public synchronized State commit(Map<String, OutputValue> outputs, SnapshotInfo info)
                    throws StateException {
                State s = current.withOutputs(new TreeMap<>(outputs)).withSerial(current.serial() + 1);
                persist(s, info);
                return s;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized List<SnapshotInfo> history() {
        List<SnapshotInfo> l = new ArrayList<>(infos);
        java.util.Collections.reverse(l);
        return l;
    }

    @Override
    public synchronized Optional<State> snapshot(long serial) {
        return versions.stream().filter(s -> s.serial() == serial).findFirst();
    }

    @Override
    public Locker locker() {
        return new Locker() {
            @Override
            public Lock acquire(String operation, Duration timeout) {
                LockInfo info = new LockInfo("mem", "test", operation, java.time.Instant.now(), "", "", 0,
                        java.time.Instant.now());
                return new Lock() {
                    @Override
                    public LockInfo info() {
                        return info;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Optional<LockInfo> current() {
                return Optional.empty();
            }

            @Override
            public void forceUnlock(String id) {
            }
        };
    }
}
