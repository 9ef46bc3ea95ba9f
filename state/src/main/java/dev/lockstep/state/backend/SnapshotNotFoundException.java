package dev.lockstep.state.backend;

import java.util.List;

/** {@link StateBackend#restore} or a lookup named a serial of which no snapshot is kept. */
public final class SnapshotNotFoundException extends StateException {

    private static final long serialVersionUID = 1L;

    private final long serial;
    private final transient List<Long> kept;

    /**
     * @param serial the serial asked for
     * @param kept the serials of the kept snapshots, oldest first
     */
    public SnapshotNotFoundException(long serial, List<Long> kept) {
        super(message(serial, kept));
        this.serial = serial;
        this.kept = List.copyOf(kept);
    }

    /** The serial asked for. */
    public long serial() {
        return serial;
    }

    /** The serials of the kept snapshots, oldest first. */
    public List<Long> kept() {
        return kept;
    }

    private static String message(long serial, List<Long> kept) {
        if (kept.isEmpty()) {
            return "there is no snapshot " + serial + " to restore: no snapshots are kept (the state has never been "
                    + "written)";
        }
        long first = kept.get(0);
        long last = kept.get(kept.size() - 1);
        String range = first == last ? "only serial " + first
                : kept.size() == last - first + 1 ? "serials " + first + " to " + last
                : "serials " + first + " to " + last + " (" + kept.size() + " of them, some pruned or missing)";
        return "there is no snapshot " + serial + " to restore: the kept snapshots are " + range
                + " (see `lockstep state history`)";
    }
}
