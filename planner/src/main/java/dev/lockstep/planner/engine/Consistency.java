package dev.lockstep.planner.engine;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that the final plan of an instance, made during apply with every value known, keeps
 * every value the original plan already knew: only what was "known after apply" may have been
 * decided since. Marks are ignored.
 */
final class Consistency {

    private Consistency() {
    }

    static boolean conforms(Value planned, Value fin) {
        return differences(planned, fin).isEmpty();
    }

    /** The paths (as text) where a known planned value differs from the final one. */
    static List<String> differences(Value planned, Value fin) {
        List<String> out = new ArrayList<>();
        walk(planned, fin, AttributePath.ROOT, out);
        return out;
    }

    private static void walk(Value p, Value f, AttributePath at, List<String> out) {
        if (p == null || !p.isKnown()) {
            return;
        }
        String where = at.isRoot() ? "(the whole object)" : at.toString();
        if (f == null || !f.isKnown()) {
            out.add(where);
            return;
        }
        if (p.isNull() || f.isNull()) {
            if (p.isNull() != f.isNull()) {
                out.add(where);
            }
            return;
        }
        if (p.isMapping() && f.isMapping()) {
            Set<String> keys = new LinkedHashSet<>(p.attributes().keySet());
            keys.addAll(f.attributes().keySet());
            for (String k : keys) {
                walk(p.get(k), f.get(k), p.isObject() || at.isRoot() ? at.attr(k) : at.key(k), out);
            }
            return;
        }
        if (p.isSequence() && f.isSequence()) {
            if (p.isSet() || f.isSet()) {
                if (p.isWhollyKnown() && !Diffs.sameValue(p, f)) {
                    out.add(where);
                }
                return;
            }
            if (p.length() != f.length()) {
                out.add(where);
                return;
            }
            for (int i = 0; i < p.length(); i++) {
                walk(p.elements().get(i), f.elements().get(i), at.index(i), out);
            }
            return;
        }
        if (!Diffs.sameValue(p, f)) {
            out.add(where);
        }
    }
}
