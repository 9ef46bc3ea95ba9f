package dev.lockstep.provider.kubernetes.value;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON merge patches (RFC 7386) computed between two desired states: only keys whose value changed
 * appear, removed keys are set to null, arrays and scalars are replaced whole.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The patch that turns {@code from} into {@code to}; empty when they are equal. */
    public static Map<String, Object> diff(Map<String, Object> from, Map<String, Object> to) {
        Map<String, Object> patch = new LinkedHashMap<>();
        Map<String, Object> a = from == null ? Map.of() : from;
        for (Map.Entry<String, Object> e : to.entrySet()) {
            Object old = a.get(e.getKey());
            Object now = e.getValue();
            if (Json.same(old, now)) {
                continue;
            }
            if (old instanceof Map<?, ?> om && now instanceof Map<?, ?> nm) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = diff((Map<String, Object>) om, (Map<String, Object>) nm);
                if (!sub.isEmpty()) {
                    patch.put(e.getKey(), sub);
                }
            } else {
                patch.put(e.getKey(), now);
            }
        }
        for (String k : a.keySet()) {
            if (!to.containsKey(k)) {
                patch.put(k, null);
            }
        }
        return patch;
    }

    /** The paths ({@code spec.rules}) a patch touches, for log lines that must not show values. */
    public static java.util.List<String> paths(Map<String, Object> patch) {
        java.util.List<String> out = new java.util.ArrayList<>();
        collect("", patch, out);
        return out;
    }

    private static void collect(String prefix, Map<String, Object> patch, java.util.List<String> out) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty() && !p.equals("data") && !p.equals("stringData")
                    && !p.equals("binaryData")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                collect(p, sub, out);
            } else {
                out.add(p);
            }
        }
    }
}
