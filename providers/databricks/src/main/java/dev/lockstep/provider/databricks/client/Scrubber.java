package dev.lockstep.provider.databricks.client;

import dev.lockstep.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes secret values from text before it reaches a diagnostic or a log line: server error
 * messages and SDK exceptions can quote the request body (a secret's value, a token). Each secret
 * is also removed in its base64 and JSON-escaped forms, since that is how request bodies carry it.
 */
public final class Scrubber {

    /** What replaces a secret in scrubbed text. */
    public static final String MASK = "(sensitive value)";
    private static final int MIN_LENGTH = 3;

    private final List<String> secrets;

    private Scrubber(Set<String> secrets) {
        List<String> l = new ArrayList<>(secrets);
        l.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(l);
    }

    public static Scrubber of(String... secrets) {
        Scrubber s = new Scrubber(Set.of());
        return s.with(secrets);
    }

    /** This scrubber plus the given secrets (nulls and very short strings are ignored). */
    public Scrubber with(String... more) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String m : more) {
            if (m == null || m.length() < MIN_LENGTH) {
                continue;
            }
            all.add(m);
            all.add(Base64.getEncoder().encodeToString(m.getBytes(StandardCharsets.UTF_8)));
            String json = jsonEscape(m);
            if (!json.equals(m)) {
                all.add(json);
            }
        }
        return new Scrubber(all);
    }

    /** This scrubber plus every sensitive-marked string inside the given values. */
    public Scrubber withSensitive(Value... values) {
        List<String> found = new ArrayList<>();
        for (Value v : values) {
            collect(v, false, found);
        }
        return with(found.toArray(String[]::new));
    }

    private static void collect(Value v, boolean marked, List<String> out) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        boolean m = marked || v.isSensitive();
        if (v.isSequence()) {
            for (Value e : v.elements()) {
                collect(e, m, out);
            }
        } else if (v.isMapping()) {
            for (Value e : v.attributes().values()) {
                collect(e, m, out);
            }
        } else if (m) {
            out.add(v.type() == dev.lockstep.api.value.Type.STRING ? v.asString() : v.toString());
        }
    }

    /** {@code text} with every known secret replaced by {@link #MASK}. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    private static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
