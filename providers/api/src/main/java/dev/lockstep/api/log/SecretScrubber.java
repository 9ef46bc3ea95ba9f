package dev.lockstep.api.log;

import dev.lockstep.api.value.Value;

/**
 * The process-wide registry of secret values seen so far, and the scrubber that removes them from
 * any text before it is logged or printed. The engine registers every sensitive value it handles
 * (variables, data sources, refreshed and applied attributes); the logging layer passes every
 * message, from lockstep or from an SDK, through {@link #scrub}. One {@link Scrubber} shared by the
 * process: the same mask, minimum length and encoded forms as every provider's.
 */
public final class SecretScrubber {

    /** Shorter values are not registered: scrubbing "a" or "id" would mangle every message. */
    public static final int MIN_LENGTH = Scrubber.MIN_LENGTH;

    /** What replaces a secret in scrubbed text. */
    public static final String MASK = Scrubber.MASK;

    private static final Scrubber GLOBAL = new Scrubber();

    private SecretScrubber() {
    }

    /** Registers one secret string, with its Base64 and JSON-escaped forms. */
    public static void register(String secret) {
        GLOBAL.add(secret);
    }

    /** Registers every primitive inside the marked parts of {@code v} (strings, and numbers as written). */
    public static void register(Value v) {
        GLOBAL.addSensitive(v);
    }

    /** {@code text} with every registered secret replaced by {@link #MASK}. */
    public static String scrub(String text) {
        return GLOBAL.scrub(text);
    }

    /** Whether any secrets are registered. */
    public static boolean isEmpty() {
        return GLOBAL.isEmpty();
    }
}
