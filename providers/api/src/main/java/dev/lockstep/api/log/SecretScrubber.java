package dev.lockstep.api.log;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide registry of secret values seen so far, and the scrubber that removes them from
 * any text before it is logged or printed. The engine registers every sensitive value it handles
 * (variables, data sources, refreshed and applied attributes); the logging layer passes every
 * message, from lockstep or from an SDK, through {@link #scrub}.
 */
public final class SecretScrubber {

    /** Shorter values are not registered: scrubbing "a" or "true" would mangle every message. */
    public static final int MIN_LENGTH = 4;

    /** What replaces a secret in scrubbed text. */
    public static final String MASK = "(sensitive value)";

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static volatile List<String> ordered = List.of();

    private SecretScrubber() {
    }

    /** Registers one secret string, with its Base64 forms (Kubernetes Secret data travels encoded). */
    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && SECRETS.add(secret)) {
            byte[] bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SECRETS.add(java.util.Base64.getEncoder().encodeToString(bytes));
            SECRETS.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            SECRETS.add(java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes));
            List<String> l = new ArrayList<>(SECRETS);
            l.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(l);
        }
    }

    /** Registers every primitive inside the marked parts of {@code v} (strings, and numbers as written). */
    public static void register(Value v) {
        collect(v, false);
    }

    private static void collect(Value v, boolean inMarked) {
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
                register(u.asString());
                for (String line : u.asString().split("\n")) {
                    register(line.strip());
                }
            } else if (u.type() == Type.NUMBER) {
                register(Value.formatNumber(u.asNumber()));
            }
        }
    }

    /** {@code text} with every registered secret replaced by {@link #MASK}. */
    public static String scrub(String text) {
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

    /** Whether any secrets are registered. */
    public static boolean isEmpty() {
        return SECRETS.isEmpty();
    }
}
