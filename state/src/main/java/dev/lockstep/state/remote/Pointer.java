package dev.lockstep.state.remote;

import dev.lockstep.state.backend.StateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pointer record of a {@link RemoteBackend}: the lineage, serial and state format of the
 * current version and the kept versions, newest first; {@code version} is the store's version of
 * the record, for the next compare-and-swap.
 */
record Pointer(String lineage, long serial, int stateFormat, List<VersionRef> history, String version) {

    /** The pointer record's own format. */
    static final String FORMAT = "1";

    VersionRef current() {
        return history.get(0);
    }

    static Optional<Pointer> read(RemoteStore store) throws StateException {
        Optional<RemoteStore.Versioned> v = store.readPointer();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> f = v.get().fields();
        try {
            if (!FORMAT.equals(f.get("format"))) {
                throw new StateException("the state pointer in " + store.describe() + " has format " + f.get("format")
                        + ", written by a newer lockstep; upgrade lockstep to use this state");
            }
            List<VersionRef> h = VersionRef.decodeAll(f.get("history"));
            if (h.isEmpty()) {
                throw new IllegalArgumentException("no versions");
            }
            return Optional.of(new Pointer(f.get("lineage"), Long.parseLong(f.get("serial")),
                    Integer.parseInt(f.get("state_format")), h, v.get().version()));
        } catch (RuntimeException e) {
            throw new StateException("the state pointer in " + store.describe() + " is corrupt or was edited by hand ("
                    + e.getMessage() + ")", e);
        }
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("format", FORMAT);
        f.put("lineage", lineage);
        f.put("serial", Long.toString(serial));
        f.put("state_format", Integer.toString(stateFormat));
        f.put("history", VersionRef.encodeAll(history));
        return f;
    }
}
