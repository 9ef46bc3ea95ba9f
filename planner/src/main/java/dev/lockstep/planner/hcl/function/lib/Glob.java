package dev.lockstep.planner.hcl.function.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A doublestar glob as Terraform's fileset uses it: {@code *} and {@code ?} within one path
 * segment, {@code [...]} classes ({@code !} or {@code ^} negates), {@code {a,b}} alternatives,
 * {@code \} escapes, and {@code **} as a whole segment matching any number of directories.
 * Paths and patterns use {@code /}; the pattern is cleaned as Go's filepath.Join cleans it.
 */
final class Glob {

    /** The pattern is malformed. */
    static final class BadPattern extends Exception {
        BadPattern() {
            super(null, null, false, false);
        }
    }

    /** One segment: null for {@code **}. */
    private final List<Pattern> segments;

    private Glob(List<Pattern> segments) {
        this.segments = segments;
    }

    static Glob compile(String pattern) throws BadPattern {
        List<Pattern> segs = new ArrayList<>();
        for (String s : clean(pattern)) {
            if (s.equals("**")) {
                segs.add(null);
            } else {
                try {
                    segs.add(Pattern.compile(segmentRegex(s), Pattern.DOTALL));
                } catch (PatternSyntaxException e) {
                    throw new BadPattern();
                }
            }
        }
        return new Glob(segs);
    }

    private static List<String> clean(String pattern) {
        List<String> out = new ArrayList<>();
        for (String s : pattern.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
                continue;
            }
            out.add(s);
        }
        return out;
    }

    private static String segmentRegex(String s) throws BadPattern {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (++i >= s.length()) {
                        throw new BadPattern();
                    }
                    re.append(Pattern.quote(String.valueOf(s.charAt(i))));
                }
                case '[' -> {
                    int end = i + 1;
                    if (end < s.length() && (s.charAt(end) == '!' || s.charAt(end) == '^')) {
                        end++;
                    }
                    if (end < s.length() && s.charAt(end) == ']') {
                        end++;
                    }
                    while (end < s.length() && s.charAt(end) != ']') {
                        end++;
                    }
                    if (end >= s.length()) {
                        throw new BadPattern();
                    }
                    String body = s.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty()) {
                        throw new BadPattern();
                    }
                    StringBuilder cls = new StringBuilder(negate ? "[^/" : "[");
                    for (int k = 0; k < body.length(); k++) {
                        char b = body.charAt(k);
                        if (b == '-' && k > 0 && k < body.length() - 1) {
                            cls.append('-');
                        } else if (Character.isLetterOrDigit(b)) {
                            cls.append(b);
                        } else {
                            cls.append('\\').append(b);
                        }
                    }
                    re.append(cls).append(']');
                    i = end;
                }
                case '{' -> {
                    depth++;
                    re.append("(?:");
                }
                case ',' -> re.append(depth > 0 ? "|" : ",");
                case '}' -> {
                    if (depth == 0) {
                        re.append("\\}");
                    } else {
                        depth--;
                        re.append(')');
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw new BadPattern();
        }
        return re.toString();
    }

    /** Whether a relative, slash-separated path matches. */
    boolean matches(String path) {
        return match(path.split("/"), 0, 0);
    }

    private boolean match(String[] parts, int pi, int si) {
        if (si == segments.size()) {
            return pi == parts.length;
        }
        Pattern seg = segments.get(si);
        if (seg == null) {
            for (int k = pi; k <= parts.length; k++) {
                if (match(parts, k, si + 1)) {
                    return true;
                }
            }
            return false;
        }
        return pi < parts.length && seg.matcher(parts[pi]).matches() && match(parts, pi + 1, si + 1);
    }
}
