package dev.lockstep.state.backend;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.OutputValue;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import java.util.Map;

/**
 * Per-resource persistence during an apply: every entry is appended and fsynced before the call
 * returns, so a crash at any point loses nothing that was reported done, and the cost per
 * resource does not grow with the size of the state. {@link #commit} compacts everything into a
 * new state version. Thread-safe: an apply records results from several threads.
 */
public interface Journal extends AutoCloseable {

    /** Records the intent to create an instance, before the provider is called. */
    void pending(ResourceInstance planned) throws StateException;

    /** Records an instance's new state (created, updated, imported). */
    void put(ResourceInstance instance) throws StateException;

    /** Records that an instance is gone (deleted, or removed from state). */
    void remove(ResourceAddress address) throws StateException;

    /** The base state with every entry so far applied (serial not yet advanced). */
    State current();

    /**
     * Persists {@link #current()} with these outputs as the next version (serial + 1) with a
     * snapshot, then discards the journal. Returns the persisted state.
     */
    State commit(Map<String, OutputValue> outputs, SnapshotInfo info) throws StateException;

    /** Closes the journal file without committing (what was appended stays for recovery). */
    @Override
    void close();
}
