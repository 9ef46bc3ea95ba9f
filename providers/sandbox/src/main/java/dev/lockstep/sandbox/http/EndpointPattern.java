package dev.lockstep.sandbox.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A method plus path glob, e.g. {@code "PUT /api/2.0/permissions/**"}. The method may be {@code *};
 * in the path, {@code *} matches within one segment and {@code **} matches any rest of the path.
 */
public final class EndpointPattern {
    private final String method;
    private final String glob;
    private final Pattern regex;

    private EndpointPattern(String method, String glob) {
        this.method = method;
        this.glob = glob;
        this.regex = Pattern.compile(toRegex(glob));
    }

    /** Parses {@code "METHOD /glob"} or just {@code "/glob"} (any method). */
    public static EndpointPattern parse(String spec) {
        String s = spec.trim();
        int sp = s.indexOf(' ');
        if (sp < 0) {
            if (!s.startsWith("/")) {
                throw new IllegalArgumentException("endpoint pattern needs a path: " + spec);
            }
            return new EndpointPattern("*", s);
        }
        String m = s.substring(0, sp).trim().toUpperCase(Locale.ROOT);
        String p = s.substring(sp + 1).trim();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("endpoint pattern needs a path: " + spec);
        }
        return new EndpointPattern(m, p);
    }

    private static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder("^");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    sb.append(".*");
                    i++;
                } else {
                    sb.append("[^/]*");
                }
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.append('$').toString();
    }

    /** True when the request method and path fall under this pattern. */
    public boolean matches(String requestMethod, String path) {
        return (method.equals("*") || method.equals(requestMethod)) && regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return method + " " + glob;
    }
}
