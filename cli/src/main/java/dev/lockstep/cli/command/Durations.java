package dev.lockstep.cli.command;

import dev.lockstep.api.toolkit.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a duration option's value ({@link DurationText}: {@code 0s}, {@code 30s}, {@code 5m},
 * {@code 1m30s}, at most 24h). A value that is not one is a usage error: picocli reports the
 * option, and this message the value and the accepted format.
 */
final class Durations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code value} denotes; a {@link TypeConversionException} saying why when none. */
    static Duration parse(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
