package dev.lockstep.planner.engine;

import dev.lockstep.api.value.AttributePath;
import dev.lockstep.api.value.Value;
import dev.lockstep.state.SecretHasher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comparison of resource values: whether two values are the same (marks ignored, unknown never
 * equal to anything), and the paths where a planned value differs from a prior one, taking the
 * prior's secret hashes into account where the prior holds only a redacted placeholder.
 */
public final class Diffs {

    private Diffs() {
    }

    /** Equal ignoring marks; an unknown anywhere makes them different; two nulls of any type are equal. */
    public static boolean sameValue(Value a, Value b) {
        if (a == null || b == null) {
            return (a == null || a.isNull()) && (b == null || b.isNull());
        }
        if (a.isNull() && b.isNull()) {
            return true;
        }
        if (!a.isWhollyKnown() || !b.isWhollyKnown()) {
            return false;
        }
        return a.unmarkDeep().equals(b.unmarkDeep()) || structurallyEqual(a.unmarkDeep(), b.unmarkDeep());
    }

    /** Equality that ignores collection-vs-structural type differences (a list and a tuple of equal items). */
    private static boolean structurallyEqual(Value a, Value b) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        if (a.isSequence() && b.isSequence()) {
            if (a.length() != b.length()) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                if (!sameValue(a.elements().get(i), b.elements().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isMapping() && b.isMapping()) {
            if (!a.attributes().keySet().equals(b.attributes().keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : a.attributes().entrySet()) {
                if (!sameValue(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The paths where {@code planned} differs from {@code prior}. Where {@code priorSecrets} has a
     * hash for a path (the prior holds a redacted placeholder there), the planned value is hashed
     * and compared with it instead.
     */
    public static List<AttributePath> changedPaths(Value prior, Map<AttributePath, String> priorSecrets,
            Value planned, SecretHasher hasher) {
        List<AttributePath> out = new ArrayList<>();
        walk(prior, planned, AttributePath.ROOT, priorSecrets, hasher, out);
        return out;
    }

    private static void walk(Value a, Value b, AttributePath at, Map<AttributePath, String> secrets,
            SecretHasher hasher, List<AttributePath> out) {
        String hash = secrets.get(at);
        if (hash != null) {
            if (b != null && b.isNull() && b.isSensitive()) {
                return; // the redacted placeholder itself: nothing new was learned about the secret
            }
            if (b == null || !b.isWhollyKnown() || !hash.equals(hasher.hash(b))) {
                out.add(at);
            }
            return;
        }
        if (a == null || b == null || a.isNull() || b.isNull() || !a.isKnown() || !b.isKnown()) {
            if (!sameValue(a, b)) {
                out.add(at);
            }
            return;
        }
        if (a.isMapping() && b.isMapping()) {
            Set<String> keys = new LinkedHashSet<>(a.attributes().keySet());
            keys.addAll(b.attributes().keySet());
            for (String k : keys) {
                AttributePath next = a.isObject() || at.isRoot() ? at.attr(k) : at.key(k);
                walk(a.get(k), b.get(k), next, secrets, hasher, out);
            }
            return;
        }
        if (a.isSequence() && b.isSequence() && !a.isSet() && !b.isSet() && a.length() == b.length()) {
            for (int i = 0; i < a.length(); i++) {
                walk(a.elements().get(i), b.elements().get(i), at.index(i), secrets, hasher, out);
            }
            return;
        }
        if (!sameValue(a, b)) {
            out.add(at);
        }
    }
}
