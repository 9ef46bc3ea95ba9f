package dev.lockstep.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where an emulator keeps its whole state between runs. {@link DirectoryStateStore} writes JSON
 * files atomically; {@link #inMemory()} keeps nothing (tests).
 */
public interface StateStore {
    /** The last saved state, if any. */
    Optional<JsonNode> load();

    /** Saves the whole state, replacing the previous one atomically. */
    void save(JsonNode state);

    /**
     * The exception to throw when the emulator cannot import what {@link #load} returned (the
     * content has the wrong shape): by default {@code e} itself; a store backed by a file names it.
     */
    default RuntimeException unusable(RuntimeException e) {
        return e;
    }

    /** True when saves are durable (so the server bothers to serialize after each mutation). */
    boolean durable();

    /** A store that keeps the last saved state in memory only. */
    static StateStore inMemory() {
        return new StateStore() {
            private volatile JsonNode last;

            @Override
            public Optional<JsonNode> load() {
                return Optional.ofNullable(last);
            }

            @Override
            public void save(JsonNode state) {
                last = state.deepCopy();
            }

            @Override
            public boolean durable() {
                return false;
            }
        };
    }
}
