package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Conversion;
import dev.lockstep.api.value.ConversionException;
import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import dev.lockstep.planner.hcl.function.FunctionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The printf-like engine behind {@code format} and {@code formatlist}, following cty: verbs
 * {@code %v %#v %t %b %d %o %x %X %e %E %f %g %G %s %q %%}, flags {@code space + - 0 #}, widths
 * and precisions counted in grapheme clusters for strings, and {@code %[n]} argument indexes.
 */
final class Formatter {

    private final String format;
    private final List<Value> args;
    private final StringBuilder out = new StringBuilder();
    private int nextArg = 1;
    private int maxArgUsed;

    private Formatter(String format, List<Value> args) {
        this.format = format;
        this.args = args;
    }

    /**
     * Formats {@code args} (known values, possibly null) with {@code format}. Errors are bare
     * call-level reasons, or argument errors with an index relative to {@code args} plus one.
     */
    static String format(String format, List<Value> args) throws FunctionException {
        Formatter f = new Formatter(format, args);
        f.run();
        if (f.maxArgUsed < args.size()) {
            throw new FunctionException(f.maxArgUsed + 1,
                    "too many arguments; only " + f.maxArgUsed + " used by format string.");
        }
        return f.out.toString();
    }

    private static final class Verb {
        int start;
        String raw;
        int argNum;
        char mode;
        boolean zero;
        boolean sharp;
        boolean plus;
        boolean minus;
        boolean space;
        int width = -1;
        int prec = -1;
    }

    private void run() throws FunctionException {
        int n = format.length();
        int p = 0;
        while (p < n) {
            char c = format.charAt(p);
            if (c != '%') {
                out.append(c);
                p++;
                continue;
            }
            if (p + 1 < n && format.charAt(p + 1) == '%') {
                out.append('%');
                p += 2;
                continue;
            }
            Verb v = new Verb();
            v.start = p;
            v.argNum = nextArg;
            p++;
            flags:
            while (p < n) {
                switch (format.charAt(p)) {
                    case '0' -> v.zero = true;
                    case '#' -> v.sharp = true;
                    case '-' -> v.minus = true;
                    case '+' -> v.plus = true;
                    case ' ' -> v.space = true;
                    default -> {
                        break flags;
                    }
                }
                p++;
            }
            if (p < n && format.charAt(p) == '[') {
                p++;
                p = expectNonZeroDigit(p);
                int num = 0;
                while (p < n && isDigit(format.charAt(p))) {
                    num = num * 10 + (format.charAt(p) - '0');
                    p++;
                }
                if (p >= n) {
                    throw invalidAt(n);
                }
                if (format.charAt(p) != ']') {
                    throw unrecognized(p);
                }
                p++;
                v.argNum = num;
            }
            if (p < n && format.charAt(p) >= '1' && format.charAt(p) <= '9') {
                v.width = 0;
                while (p < n && isDigit(format.charAt(p))) {
                    v.width = v.width * 10 + (format.charAt(p) - '0');
                    p++;
                }
            }
            if (p < n && format.charAt(p) == '.') {
                p++;
                v.prec = 0;
                while (p < n && isDigit(format.charAt(p))) {
                    v.prec = v.prec * 10 + (format.charAt(p) - '0');
                    p++;
                }
            }
            if (p >= n) {
                throw invalidAt(n);
            }
            char m = format.charAt(p);
            if (!(m >= 'a' && m <= 'z' || m >= 'A' && m <= 'Z')) {
                throw unrecognized(p);
            }
            v.mode = m;
            p++;
            v.raw = format.substring(v.start, p);
            append(v);
            nextArg = v.argNum + 1;
        }
    }

    private int expectNonZeroDigit(int p) throws FunctionException {
        if (p >= format.length()) {
            throw invalidAt(format.length());
        }
        char c = format.charAt(p);
        if (c < '1' || c > '9') {
            throw unrecognized(p);
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private FunctionException invalidAt(int offset) {
        return new FunctionException("invalid format string starting at offset " + offset + ".");
    }

    private FunctionException unrecognized(int offset) {
        return new FunctionException("unrecognized format character at offset " + offset + ".");
    }

    private FunctionException unsupported(Verb v, String why) {
        return new FunctionException("unsupported value for \"" + v.raw + "\" at " + v.start + ": " + why + ".");
    }

    private void append(Verb v) throws FunctionException {
        int idx = v.argNum - 1;
        if (idx >= args.size()) {
            throw new FunctionException("not enough arguments for \"" + v.raw + "\" at " + v.start + ": need index "
                    + v.argNum + " but have " + args.size() + " total.");
        }
        maxArgUsed = Math.max(maxArgUsed, v.argNum);
        Value arg = args.get(idx);
        if (v.mode != 'v' && arg.isNull()) {
            throw unsupported(v, "null value cannot be formatted");
        }
        switch (v.mode) {
            case 'v' -> appendAsIs(v, arg);
            case 't' -> out.append(convert(v, arg, Type.BOOL).asBool() ? "true" : "false");
            case 'b', 'd', 'o', 'x', 'X' -> appendInteger(v, convert(v, arg, Type.NUMBER).asNumber());
            case 'e', 'E', 'f', 'g', 'G' -> appendFloat(v, convert(v, arg, Type.NUMBER).asNumber());
            case 's', 'q' -> appendString(v, convert(v, arg, Type.STRING).asString());
            default -> throw new FunctionException("unsupported format verb '" + v.mode + "' in \"" + v.raw
                    + "\" at offset " + v.start + ".");
        }
    }

    private Value convert(Verb v, Value arg, Type t) throws FunctionException {
        try {
            return Conversion.convert(arg, t);
        } catch (ConversionException e) {
            throw unsupported(v, e.getMessage());
        }
    }

    private void appendAsIs(Verb v, Value arg) {
        if (!v.sharp && !arg.isNull()) {
            if (arg.type() == Type.STRING) {
                out.append(padWidth(v, arg.asString()));
                return;
            }
            if (arg.type() == Type.NUMBER) {
                out.append(padWidth(v, signed(arg.asNumber(), GoNumbers.text(arg.asNumber(), 'g', -1))));
                return;
            }
        }
        out.append(padWidth(v, Json.encode(arg)));
    }

    private static String signed(BigDecimal n, String digits) {
        return n.signum() < 0 ? "-" + digits : digits;
    }

    private void appendString(Verb v, String s) {
        if (v.prec > 0) {
            List<String> gs = Text.graphemes(s);
            if (gs.size() > v.prec) {
                s = String.join("", gs.subList(0, v.prec));
            }
        }
        if (v.mode == 'q') {
            s = Json.quote(s);
        }
        out.append(padWidth(v, s));
    }

    private static String padWidth(Verb v, String s) {
        if (v.width < 0) {
            return s;
        }
        int have = Text.graphemes(s).size();
        if (have >= v.width) {
            return s;
        }
        String pads = (v.zero ? "0" : " ").repeat(v.width - have);
        return v.minus ? s + pads : pads + s;
    }

    private void appendInteger(Verb v, BigDecimal n) throws FunctionException {
        BigInteger i;
        try {
            i = n.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw unsupported(v, "an integer is required");
        }
        int radix = switch (v.mode) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        String digits = i.abs().toString(radix);
        if (v.mode == 'X') {
            digits = digits.toUpperCase(java.util.Locale.ROOT);
        }
        String sign = i.signum() < 0 ? "-" : v.plus ? "+" : v.space ? " " : "";
        String prefix = "";
        if (v.sharp) {
            prefix = switch (v.mode) {
                case 'b' -> "0b";
                case 'o' -> "0";
                case 'x' -> "0x";
                case 'X' -> "0X";
                default -> "";
            };
        }
        int zeros = 0;
        if (v.prec >= 0) {
            if (digits.length() < v.prec) {
                zeros = v.prec - digits.length();
            } else if (v.prec == 0 && i.signum() == 0) {
                return;
            }
        }
        int left = 0;
        int right = 0;
        int length = sign.length() + prefix.length() + zeros + digits.length();
        if (v.width >= 0 && length < v.width) {
            int d = v.width - length;
            if (v.minus) {
                right = d;
            } else if (v.zero && v.prec < 0) {
                zeros = d;
            } else {
                left = d;
            }
        }
        out.append(" ".repeat(left)).append(sign).append(prefix).append("0".repeat(zeros)).append(digits)
                .append(" ".repeat(right));
    }

    private void appendFloat(Verb v, BigDecimal n) {
        int prec = v.prec;
        char mode = v.mode;
        if (prec < 0) {
            prec = mode == 'g' || mode == 'G' ? -1 : 6;
        }
        String body = GoNumbers.text(n, mode, prec);
        String sign = n.signum() < 0 ? "-" : v.plus ? "+" : v.space ? " " : "";
        int padding = v.width >= 0 ? Math.max(v.width - sign.length() - body.length(), 0) : 0;
        if (v.zero) {
            out.append(sign).append("0".repeat(padding)).append(body);
        } else if (v.minus) {
            out.append(sign).append(body).append(" ".repeat(padding));
        } else {
            out.append(" ".repeat(padding)).append(sign).append(body);
        }
    }
}
