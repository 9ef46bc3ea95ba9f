package dev.lockstep.cli.command;

import java.time.Duration;

/** Parses durations written as {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms} or {@code 30d}. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String s, String option) {
        String t = s.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // fall through
        }
        throw new IllegalArgumentException("Invalid duration \"" + s + "\" for " + option
                + ": write a whole number and a unit, such as 500ms, 30s, 2m or 1h.");
    }
}
