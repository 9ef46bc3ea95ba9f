package dev.lockstep.api.log;

import dev.lockstep.api.toolkit.JsonStrings;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes secret values from text before it reaches a diagnostic, a log line or an audit record:
 * server error messages and SDK exceptions can quote a request (a secret's value, a token). Each
 * secret is removed as written, in its base64 forms (padded, unpadded, URL-safe: request bodies
 * and Kubernetes Secret data carry it encoded) and JSON-escaped, longest first, and replaced by
 * {@link #MASK}. The one scrubber of every provider and of the process-wide {@link SecretScrubber};
 * safe for concurrent use.
 */
public final class Scrubber {

    /** What replaces a secret in scrubbed text; the text lockstep shows for any sensitive value. */
    public static final String MASK = "(sensitive value)";

    /** Shorter values are not removed: masking "a" or "id" would mangle every message. */
    public static final int MIN_LENGTH = 3;

    private final Set<String> secrets = new LinkedHashSet<>();
    private volatile List<String> ordered = List.of();

    /** An empty scrubber; see {@link #add}. */
    public Scrubber() {
    }

    /** A scrubber for the given secrets (nulls and values under {@link #MIN_LENGTH} are ignored). */
    public static Scrubber of(String... secrets) {
        Scrubber s = new Scrubber();
        for (String x : secrets) {
            s.add(x);
        }
        return s;
    }

    /** A scrubber for every sensitive-marked string and number inside the given values. */
    public static Scrubber ofSensitive(Value... values) {
        return new Scrubber().addSensitive(values);
    }

    /** Adds a secret, with its encoded forms; null and values under {@link #MIN_LENGTH} are ignored. */
    public Scrubber add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return this;
        }
        synchronized (secrets) {
            if (secrets.add(secret)) {
                byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
                secrets.add(Base64.getEncoder().encodeToString(bytes));
                secrets.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
                secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                secrets.add(JsonStrings.escape(secret));
                List<String> l = new ArrayList<>(secrets);
                l.sort(Comparator.comparingInt(String::length).reversed());
                ordered = List.copyOf(l);
            }
        }
        return this;
    }

    /**
     * Adds every primitive inside the sensitive-marked parts of {@code values}: strings (also each
     * of their lines, stripped, since messages quote lines of a multi-line secret) and numbers as
     * written. Bools are not added: masking "true" would mangle every message. Nulls are skipped.
     */
    public Scrubber addSensitive(Value... values) {
        for (Value v : values) {
            collect(v, false);
        }
        return this;
    }

    private void collect(Value v, boolean inMarked) {
        if (v == null || v.isNull() || !v.isKnown()) {
            return;
        }
        boolean marked = inMarked || v.isSensitive();
        if (v.isSequence()) {
            for (Value e : v.elements()) {
                collect(e, marked);
            }
        } else if (v.isMapping()) {
            for (Value e : v.attributes().values()) {
                collect(e, marked);
            }
        } else if (marked) {
            Value u = v.unmark();
            if (u.type() == Type.STRING) {
                add(u.asString());
                for (String line : u.asString().split("\n")) {
                    add(line.strip());
                }
            } else if (u.type() == Type.NUMBER) {
                add(Value.formatNumber(u.asNumber()));
            }
        }
    }

    /** A new scrubber with this one's secrets and the given ones; this one is unchanged. */
    public Scrubber with(String... more) {
        Scrubber s = copy();
        for (String m : more) {
            s.add(m);
        }
        return s;
    }

    /** A new scrubber with this one's secrets and the sensitive parts of the given values. */
    public Scrubber withSensitive(Value... values) {
        return copy().addSensitive(values);
    }

    private Scrubber copy() {
        Scrubber s = new Scrubber();
        synchronized (secrets) {
            s.secrets.addAll(secrets);
        }
        s.ordered = ordered;
        return s;
    }

    /** {@code text} with every known secret replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : ordered) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** Whether no secret is known. */
    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /**
     * A one-line description of a throwable and its causes for a diagnostic: class names and
     * scrubbed messages, first lines only (services append request dumps after the first line),
     * without wrappers that only repeat their cause.
     */
    public String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        String last = null;
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String m = c.getMessage();
            if (c.getCause() != null && m != null && m.equals(c.getCause().toString())) {
                continue;
            }
            String line = m == null ? "" : m.strip().lines().findFirst().orElse("");
            String item = c.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
            if (item.equals(last)) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; caused by ").append(item);
            last = item;
        }
        return scrub(sb.toString());
    }
}
