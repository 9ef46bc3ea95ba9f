package dev.lockstep.state.journal;

import dev.lockstep.api.addr.ResourceAddress;
import dev.lockstep.state.ResourceInstance;
import dev.lockstep.state.State;
import dev.lockstep.state.backend.StateBackend;
import dev.lockstep.state.backend.StateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a journal left by an interrupted command on the stored state. Only entries recorded on
 * that exact state (same lineage, base serial equal to its serial) apply; any other entry is
 * stale (its results were committed, or it belongs to another state) and is ignored with a
 * warning. A {@code pending} entry without a later {@code put} leaves a PENDING_CREATE instance.
 * When no state was ever stored, the journal's {@code begin} entry supplies the lineage and hash
 * key of the state it was started on.
 */
public final class Recovery {

    private Recovery() {
    }

    /**
     * The state to work on: {@code stored} (null when none) with the journal {@code data} (null
     * when none) replayed on top; recovered, with the serial one higher, when any entry applied.
     */
    public static StateBackend.Loaded recover(State stored, byte[] data, String journal,
            dev.lockstep.state.crypto.Encryption encryption) throws StateException {
        List<String> warnings = new ArrayList<>();
        if (data == null) {
            return new StateBackend.Loaded(stored == null ? State.empty() : stored, false, warnings);
        }
        JournalCodec.Parsed parsed = JournalCodec.parse(data, journal, encryption);
        warnings.addAll(parsed.warnings());
        State base = stored != null ? stored : fromBegin(parsed.entries());
        if (base == null) {
            warnings.add("ignored " + journal + ": it belongs to no stored state");
            return new StateBackend.Loaded(State.empty(), false, warnings);
        }
        Map<ResourceAddress, ResourceInstance> m = new TreeMap<>(base.resources());
        int applied = 0;
        int stale = 0;
        for (JournalCodec.Entry e : parsed.entries()) {
            if (e.op() == JournalCodec.Op.BEGIN) {
                continue;
            }
            if (!e.lineage().equals(base.lineage()) || e.baseSerial() != base.serial()) {
                stale++;
                continue;
            }
            applied++;
            switch (e.op()) {
                case PENDING:
                    m.put(e.resource().address(), e.resource().withStatus(ResourceInstance.Status.PENDING_CREATE));
                    break;
                case PUT:
                    m.put(e.resource().address(), e.resource());
                    break;
                default:
                    m.remove(e.address());
            }
        }
        if (stale > 0) {
            warnings.add("ignored " + stale + " entries of " + journal + " recorded on another state version "
                    + "(already committed, or of another lineage)");
        }
        if (applied == 0) {
            return new StateBackend.Loaded(base, false, warnings);
        }
        long next = base.serial() + 1;
        warnings.add("recovered " + applied + " results of an interrupted command from " + journal
                + "; the next command that writes the state saves them as serial " + next);
        return new StateBackend.Loaded(new State(base.lineage(), next, base.hashKey(), m, base.outputs()), true, warnings);
    }

    /** Entries of {@code data} recorded on exactly {@code base} and not yet committed. */
    public static int unrecovered(byte[] data, String journal, String lineage, long baseSerial,
            dev.lockstep.state.crypto.Encryption encryption) throws StateException {
        if (data == null) {
            return 0;
        }
        int n = 0;
        for (JournalCodec.Entry e : JournalCodec.parse(data, journal, encryption).entries()) {
            if (e.op() != JournalCodec.Op.BEGIN && e.lineage().equals(lineage) && e.baseSerial() == baseSerial) {
                n++;
            }
        }
        return n;
    }

    /** The never-stored state a journal was started on, from its begin entry. */
    private static State fromBegin(List<JournalCodec.Entry> entries) {
        if (entries.isEmpty() || entries.get(0).op() != JournalCodec.Op.BEGIN || entries.get(0).baseSerial() != 0) {
            return null;
        }
        JournalCodec.Entry b = entries.get(0);
        return new State(b.lineage(), 0, b.hashKey(), Map.of(), Map.of());
    }
}
