package dev.lockstep.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes credentials a provider holds (tokens, secret ids, access keys) from text that comes back
 * from a client library, such as an exception message, before the text goes into a diagnostic or
 * a log line. Secret values read from a secret source never reach messages in the first place:
 * the providers build their messages from status codes, error codes and the service's error text.
 */
public final class Scrubber {

    /** What a removed value is replaced with. */
    public static final String MASK = "(redacted)";

    private final List<String> secrets = new ArrayList<>();

    /** Adds a value to remove; null and values shorter than 4 characters are ignored. */
    public synchronized Scrubber add(String secret) {
        if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
        return this;
    }

    /** {@code text} with every known secret replaced by {@link #MASK}; null stays null. */
    public synchronized String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * A one-line description of a throwable and its causes for a diagnostic: class names and
     * scrubbed messages, first lines only (services append request dumps after the first line).
     */
    public String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        String last = null;
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String m = c.getMessage();
            if (c.getCause() != null && m != null && m.equals(c.getCause().toString())) {
                continue; // a wrapper that only repeats its cause
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
