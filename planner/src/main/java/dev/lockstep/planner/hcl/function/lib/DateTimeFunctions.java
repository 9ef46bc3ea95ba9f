package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.Function;
import dev.lockstep.planner.hcl.function.FunctionContext;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timestamp} (impure: unknown while planning, otherwise the current UTC time in RFC 3339)
 * and {@code formatdate} with Terraform's format mnemonics.
 */
public final class DateTimeFunctions {

    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|([+-])(\\d{2}):(\\d{2}))");
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private DateTimeFunctions() {
    }

    /** All functions of this group. */
    public static List<Function> all(FunctionContext ctx) {
        return List.of(timestamp(ctx), formatdate());
    }

    static Function timestamp(FunctionContext ctx) {
        return Function.builder("timestamp").returns(Type.STRING)
                .description("Returns the current UTC time in RFC 3339 format; unknown until apply.")
                .body(args -> ctx.impureUnknown() ? Value.unknown(Type.STRING)
                        : Value.string(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)
                                .format(UTC_SECONDS)));
    }

    /** Parses an RFC 3339 timestamp as Go's time.Parse(time.RFC3339, ...) does. */
    static OffsetDateTime parse(String s) throws FunctionException {
        Matcher m = RFC3339.matcher(s);
        if (!m.matches()) {
            throw new FunctionException(1, "not a valid RFC3339 timestamp.");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String frac = (m.group(7).substring(1) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            ZoneOffset off = ZoneOffset.UTC;
            if (!m.group(8).equals("Z")) {
                int h = Integer.parseInt(m.group(10));
                int mi = Integer.parseInt(m.group(11));
                if (h > 23 || mi > 59) {
                    throw new FunctionException(1, "not a valid RFC3339 timestamp: UTC offset out of range.");
                }
                int secs = h * 3600 + mi * 60;
                off = ZoneOffset.ofTotalSeconds(m.group(9).equals("-") ? -secs : secs);
            }
            LocalDateTime dt = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), nanos);
            return OffsetDateTime.of(dt, off);
        } catch (DateTimeException e) {
            throw new FunctionException(1, "not a valid RFC3339 timestamp: a field is out of range.");
        }
    }

    static Function formatdate() {
        return Function.builder("formatdate").param("format", Type.STRING).param("time", Type.STRING)
                .returns(Type.STRING)
                .description("Formats an RFC 3339 timestamp according to the format specification.")
                .body(args -> {
                    OffsetDateTime t = parse(args.get(1).asString());
                    return Value.string(format(args.get(0).asString(), t));
                });
    }

    private static String format(String f, OffsetDateTime t) throws FunctionException {
        StringBuilder out = new StringBuilder();
        int n = f.length();
        int i = 0;
        while (i < n) {
            char c = f.charAt(i);
            if (c == '\'') {
                if (i + 1 < n && f.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                int j = i + 1;
                StringBuilder lit = new StringBuilder();
                boolean closed = false;
                while (j < n) {
                    if (f.charAt(j) == '\'') {
                        if (j + 1 < n && f.charAt(j + 1) == '\'') {
                            lit.append('\'');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    lit.append(f.charAt(j));
                    j++;
                }
                if (!closed) {
                    throw new FunctionException(0, "unterminated literal '.");
                }
                out.append(lit);
                i = j + 1;
                continue;
            }
            if (isLetter(c)) {
                int j = i;
                while (j < n && f.charAt(j) == c) {
                    j++;
                }
                verb(out, c, j - i, t);
                i = j;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static FunctionException bad(char c, int len, String rule) {
        return new FunctionException(0, "invalid date format verb \"" + String.valueOf(c).repeat(len) + "\""
                + (rule.isEmpty() ? "" : ": " + rule) + ".");
    }

    private static void verb(StringBuilder out, char c, int len, OffsetDateTime t) throws FunctionException {
        switch (c) {
            case 'Y' -> {
                if (len == 2) {
                    out.append(String.format("%02d", Math.floorMod(t.getYear(), 100)));
                } else if (len == 4) {
                    out.append(String.format("%04d", t.getYear()));
                } else {
                    throw bad(c, len, "year must either be \"YY\" or \"YYYY\"");
                }
            }
            case 'M' -> {
                int m = t.getMonthValue();
                switch (len) {
                    case 1 -> out.append(m);
                    case 2 -> out.append(String.format("%02d", m));
                    case 3 -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    case 4 -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    default -> throw bad(c, len, "month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"");
                }
            }
            case 'D' -> twoForms(out, c, len, t.getDayOfMonth(), "day of month must either be \"D\" or \"DD\"");
            case 'E' -> {
                if (len == 3) {
                    out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                } else if (len == 4) {
                    out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                } else {
                    throw bad(c, len, "day of week must either be \"EEE\" or \"EEEE\"");
                }
            }
            case 'h' -> twoForms(out, c, len, t.getHour(), "24-hour must either be \"h\" or \"hh\"");
            case 'H' -> {
                int h = t.getHour() % 12;
                twoForms(out, c, len, h == 0 ? 12 : h, "12-hour must either be \"H\" or \"HH\"");
            }
            case 'A', 'a' -> {
                if (len != 2) {
                    throw bad(c, len, "must be \"" + c + c + "\"");
                }
                String marker = t.getHour() < 12 ? "AM" : "PM";
                out.append(c == 'A' ? marker : marker.toLowerCase(Locale.ROOT));
            }
            case 'm' -> twoForms(out, c, len, t.getMinute(), "minute must either be \"m\" or \"mm\"");
            case 's' -> twoForms(out, c, len, t.getSecond(), "second must either be \"s\" or \"ss\"");
            case 'Z' -> {
                int secs = t.getOffset().getTotalSeconds();
                String sign = secs < 0 ? "-" : "+";
                int abs = Math.abs(secs);
                String hh = String.format("%02d", abs / 3600);
                String mm = String.format("%02d", abs / 60 % 60);
                switch (len) {
                    case 1 -> out.append(secs == 0 ? "Z" : sign + hh + ":" + mm);
                    case 3 -> out.append(secs == 0 ? "UTC" : sign + hh + mm);
                    case 4 -> out.append(sign).append(hh).append(mm);
                    case 5 -> out.append(sign).append(hh).append(':').append(mm);
                    default -> throw bad(c, len, "timezone must be Z, ZZZZ, or ZZZZZ");
                }
            }
            default -> throw bad(c, len, "");
        }
    }

    private static void twoForms(StringBuilder out, char c, int len, int v, String rule) throws FunctionException {
        if (len == 1) {
            out.append(v);
        } else if (len == 2) {
            out.append(String.format("%02d", v));
        } else {
            throw bad(c, len, rule);
        }
    }
}
