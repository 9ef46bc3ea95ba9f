package dev.lockstep.provider.databricks;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory state backend, so the engine can plan and apply against the emulator in a test. */
final class MemoryBackend implements StateBackend {

    private final List<State> versions = new ArrayList<>();

    @Override
    public synchronized Loaded load() {
        return new Loaded(versions.isEmpty() ? State.empty() : versions.get(versions.size() - 1), false, List.of());
    }

    @Override
    public synchronized void persist(State state, SnapshotInfo info) {
        versions.add(state);
    }

    @Override
    public Journal journal(State base) {
        return new Journal() {
            private State current = base;

            @Override
            public synchronized void pending(ResourceInstance planned) {
                if (current.resource(planned.address()) == null) {
                    current = current.withResource(planned);
                }
            }

            @Override
            public synchronized void put(ResourceInstance instance) {
                current = current.withResource(instance);
            }

            @Override
            public synchronized void remove(ResourceAddress address) {
                current = current.withoutResource(address);
            }

            @Override
            public synchronized State current() {
                return current;
            }

            @Override
            public synchronized State commit(Map<String, OutputValue> outputs, SnapshotInfo info) {
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
        return List.of();
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
                LockInfo info = new LockInfo("mem", "test", operation, Instant.now(), "", "", 0, Instant.now());
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
