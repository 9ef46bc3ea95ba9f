package dev.lockstep.cli.command;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a duration option's value, written as Terraform writes {@code -lock-timeout}: whole
 * numbers each followed by a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 0s},
 * {@code 30s}, {@code 5m}, {@code 1m30s}), from 0 up to {@link #MAX}. A value that is not one is a
 * usage error: picocli reports the option, and this message the value and the accepted format.
 */
final class Durations implements ITypeConverter<Duration> {

    /** The longest duration accepted: a day (a lock held longer than that is not worth waiting for). */
    static final Duration MAX = Duration.ofHours(24);

    static final String FORMAT = "write a whole number and a unit (ms, s, m or h), or several as in 1m30s, such as "
            + "0s, 30s or 5m, at most 24h";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private static final BigInteger MAX_MILLIS = BigInteger.valueOf(MAX.toMillis());

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code value} denotes; a {@link TypeConversionException} saying why when none. */
    static Duration parse(String value) {
        String t = value.trim();
        if (t.startsWith("-")) {
            throw new TypeConversionException("\"" + value + "\" is negative; " + FORMAT + ".");
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
            throw new TypeConversionException("\"" + value + "\" is not a duration; " + FORMAT + ".");
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw new TypeConversionException("\"" + value + "\" is longer than the maximum, 24h; " + FORMAT + ".");
        }
        return Duration.ofMillis(millis.longValueExact());
    }
}
