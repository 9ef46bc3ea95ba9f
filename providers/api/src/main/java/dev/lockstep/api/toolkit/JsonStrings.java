package dev.lockstep.api.toolkit;

/**
 * JSON string escaping for modules without Jackson (this module may depend on no library), byte
 * for byte as Jackson's {@code JsonStringEncoder} writes it, so that a scrubber finds a secret in a
 * request body an SDK serialized: {@code "} and {@code \} escaped; newline, return, tab, backspace
 * and form feed as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}; other control
 * characters as {@code \}{@code u00XX} (upper-case hex); everything else as is. Modules that have
 * Jackson use its {@code JsonStringEncoder} instead.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** The body of a JSON string literal holding {@code s} (without the surrounding quotes). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
