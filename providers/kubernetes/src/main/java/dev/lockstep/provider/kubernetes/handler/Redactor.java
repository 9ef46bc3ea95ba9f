package dev.lockstep.provider.kubernetes.handler;

import dev.lockstep.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes sensitive values from text before it reaches a diagnostic or a log line: every string
 * inside a sensitive-marked part of the given values, and its base64 form (the way secret data
 * travels to the API), is replaced by {@code (sensitive value)}. Strings shorter than three
 * characters are left, so that messages stay readable.
 */
public final class Redactor {

    private final List<String> secrets;

    private Redactor(Set<String> secrets) {
        this.secrets = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** A redactor for every sensitive string inside the given values (nulls are skipped). */
    public static Redactor of(Value... values) {
        Set<String> out = new LinkedHashSet<>();
        for (Value v : values) {
            collect(v, false, out);
        }
        return new Redactor(out);
    }

    private static void collect(Value v, boolean marked, Set<String> out) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        boolean m = marked || v.isSensitive();
        Value u = v.unmark();
        if (u.type() == dev.lockstep.api.value.Type.STRING) {
            if (m) {
                add(u.asString(), out);
            }
        } else if (u.isMapping()) {
            for (Map.Entry<String, Value> e : u.attributes().entrySet()) {
                collect(e.getValue(), m, out);
            }
        } else if (u.isSequence()) {
            for (Value e : u.elements()) {
                collect(e, m, out);
            }
        } else if (m) {
            add(u.toString(), out);
        }
    }

    private static void add(String s, Set<String> out) {
        if (s.length() >= 3) {
            out.add(s);
            out.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code text} with every sensitive string replaced. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "(sensitive value)");
        }
        return out;
    }
}
