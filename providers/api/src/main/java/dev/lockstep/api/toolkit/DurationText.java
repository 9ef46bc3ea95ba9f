package dev.lockstep.api.toolkit;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Terraform writes {@code -lock-timeout}: whole numbers each followed by a
 * unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 0s}, {@code 30s}, {@code 5m},
 * {@code 1m30s}), from 0 up to {@link #MAX}. Used by command-line options and configuration
 * settings alike.
 */
public final class DurationText {

    /** The longest duration accepted: a day. */
    public static final Duration MAX = Duration.ofHours(24);

    /** How to write one, for messages. */
    public static final String FORMAT = "write a whole number and a unit (ms, s, m or h), or several as in 1m30s, "
            + "such as 0s, 30s or 5m, at most 24h";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final BigInteger MAX_MILLIS = BigInteger.valueOf(MAX.toMillis());

    private DurationText() {
    }

    /** The duration {@code value} denotes; an IllegalArgumentException saying why (with {@link #FORMAT}) when none. */
    public static Duration parse(String value) {
        String t = value.trim();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("\"" + value + "\" is negative; " + FORMAT + ".");
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        BigInteger millis = BigInteger.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            BigInteger n = new BigInteger(m.group(1));
            millis = millis.add(switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n.multiply(BigInteger.valueOf(1_000));
                case "m" -> n.multiply(BigInteger.valueOf(60_000));
                default -> n.multiply(BigInteger.valueOf(3_600_000));
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a duration; " + FORMAT + ".");
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw new IllegalArgumentException("\"" + value + "\" is longer than the maximum, 24h; " + FORMAT + ".");
        }
        return Duration.ofMillis(millis.longValueExact());
    }
}
