package dev.lockstep.planner.hcl.function.lib;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translation of Go's RE2 syntax to java.util.regex syntax with the same meaning: named groups
 * (renamed, since Java group names cannot hold underscores), POSIX classes, octal escapes,
 * Unicode scripts, {@code $} as end of text outside multi-line mode, literal braces and
 * brackets where RE2 takes them literally, and rejection of what RE2 lacks (backreferences,
 * lookaround, possessive and nested repetition).
 */
final class Re2Syntax {

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s\\x0B"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private static final Set<String> CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
            "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",
            "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

    private Re2Syntax() {
    }

    /**
     * The Java form of an RE2 pattern. {@code names} receives the RE2 name of every capture
     * group in order (null for unnamed ones); group i is named {@code g<i>} in the result.
     */
    static String translate(String s, List<String> names) throws GoRegex.SyntaxError {
        StringBuilder out = new StringBuilder(s.length() + 16);
        boolean multiline = s.contains("(?") && hasMultilineFlag(s);
        int n = s.length();
        int i = 0;
        boolean inClass = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i = escape(s, i, out, inClass);
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(']');
                } else if (c == '[' && i + 1 < n && s.charAt(i + 1) == ':') {
                    int end = s.indexOf(":]", i + 2);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String name = s.substring(i + 2, end);
                        boolean neg = name.startsWith("^");
                        String cls = POSIX.get(neg ? name.substring(1) : name);
                        if (cls == null) {
                            throw new GoRegex.SyntaxError("invalid character class range");
                        }
                        if (neg) {
                            out.append("[^").append(cls).append(']');
                        } else {
                            out.append(cls);
                        }
                        i = end + 2;
                        continue;
                    }
                } else if (c == '[' || c == '&' || c == ']') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append('[');
                    i++;
                    if (i < n && s.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    // a ']' right at the start is literal
                    if (i < n && s.charAt(i) == ']') {
                        out.append("\\]");
                        i++;
                    }
                    continue;
                }
                case '(' -> {
                    i = group(s, i, out, names);
                    continue;
                }
                case '{' -> {
                    int end = repeatEnd(s, i);
                    if (end < 0) {
                        out.append("\\{");
                        i++;
                    } else {
                        out.append(s, i, end);
                        i = end;
                        checkNestedRepeat(s, i);
                    }
                    continue;
                }
                case '*', '+', '?' -> {
                    out.append(c);
                    i++;
                    if (i < n && s.charAt(i) == '?') {
                        out.append('?');
                        i++;
                    }
                    checkNestedRepeat(s, i);
                    continue;
                }
                case '$' -> out.append(multiline ? "$" : "\\z");
                default -> out.append(c);
            }
            i++;
        }
        if (inClass) {
            throw new GoRegex.SyntaxError("missing closing ]");
        }
        return out.toString();
    }

    private static boolean hasMultilineFlag(String s) {
        int at = 0;
        while ((at = s.indexOf("(?", at)) >= 0) {
            int j = at + 2;
            while (j < s.length() && Character.isLetter(s.charAt(j)) || j < s.length() && s.charAt(j) == '-') {
                if (s.charAt(j) == 'm') {
                    return true;
                }
                j++;
            }
            at = j;
        }
        return false;
    }

    private static void checkNestedRepeat(String s, int i) throws GoRegex.SyntaxError {
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == '*' || c == '+' || c == '?' || c == '{' && repeatEnd(s, i) >= 0) {
                throw new GoRegex.SyntaxError("invalid nested repetition operator");
            }
        }
    }

    /** The end of a {@code {n}, {n,}, {n,m}} repetition starting at i, or -1 if it is literal. */
    private static int repeatEnd(String s, int i) throws GoRegex.SyntaxError {
        int j = i + 1;
        int n = s.length();
        int start = j;
        while (j < n && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j == start) {
            return -1;
        }
        int min = parseBounded(s.substring(start, j));
        int max = min;
        if (j < n && s.charAt(j) == ',') {
            j++;
            int mstart = j;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
            }
            max = j == mstart ? -1 : parseBounded(s.substring(mstart, j));
        }
        if (j >= n || s.charAt(j) != '}') {
            return -1;
        }
        if (min > 1000 || max > 1000 || max >= 0 && max < min) {
            throw new GoRegex.SyntaxError("invalid repeat count");
        }
        return j + 1;
    }

    private static int parseBounded(String digits) {
        return digits.length() > 5 ? 100000 : Integer.parseInt(digits);
    }

    private static int group(String s, int i, StringBuilder out, List<String> names)
            throws GoRegex.SyntaxError {
        int n = s.length();
        if (i + 1 < n && s.charAt(i + 1) == '?') {
            String rest = s.substring(i + 2);
            String name = null;
            int nameStart = -1;
            if (rest.startsWith("P<")) {
                nameStart = i + 4;
            } else if (rest.startsWith("<") && !rest.startsWith("<=") && !rest.startsWith("<!")) {
                nameStart = i + 3;
            }
            if (nameStart >= 0) {
                int end = s.indexOf('>', nameStart);
                if (end < 0) {
                    throw new GoRegex.SyntaxError("invalid named capture");
                }
                name = s.substring(nameStart, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                    throw new GoRegex.SyntaxError("invalid named capture");
                }
                names.add(name);
                out.append("(?<g").append(names.size() - 1).append('>');
                return end + 1;
            }
            if (rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<") || rest.startsWith(">")
                    || rest.startsWith("P")) {
                throw new GoRegex.SyntaxError("invalid or unsupported Perl syntax");
            }
            int j = i + 2;
            while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '-')) {
                char f = s.charAt(j);
                if (f != 'i' && f != 'm' && f != 's' && f != '-') {
                    throw new GoRegex.SyntaxError("invalid or unsupported Perl syntax");
                }
                j++;
            }
            if (j >= n || s.charAt(j) != ':' && s.charAt(j) != ')') {
                throw new GoRegex.SyntaxError("invalid or unsupported Perl syntax");
            }
            out.append(s, i, j + 1);
            return j + 1;
        }
        names.add(null);
        out.append('(');
        return i + 1;
    }

    private static int escape(String s, int i, StringBuilder out, boolean inClass) throws GoRegex.SyntaxError {
        int n = s.length();
        if (i + 1 >= n) {
            throw new GoRegex.SyntaxError("trailing backslash at end of expression");
        }
        char c = s.charAt(i + 1);
        if (c >= '0' && c <= '7') {
            int j = i + 2;
            if (c != '0' && (j >= n || s.charAt(j) < '0' || s.charAt(j) > '7')) {
                throw new GoRegex.SyntaxError("invalid escape sequence");
            }
            int v = c - '0';
            for (int k = 0; k < 2 && j < n && s.charAt(j) >= '0' && s.charAt(j) <= '7'; k++, j++) {
                v = v * 8 + (s.charAt(j) - '0');
            }
            out.append(String.format("\\x{%x}", v));
            return j;
        }
        if (c == '8' || c == '9') {
            throw new GoRegex.SyntaxError("invalid escape sequence");
        }
        if (c == 'p' || c == 'P') {
            int j = i + 2;
            String name;
            if (j < n && s.charAt(j) == '{') {
                int end = s.indexOf('}', j);
                if (end < 0) {
                    throw new GoRegex.SyntaxError("invalid character class range");
                }
                name = s.substring(j + 1, end);
                j = end + 1;
            } else if (j < n) {
                name = String.valueOf(s.charAt(j));
                j++;
            } else {
                throw new GoRegex.SyntaxError("invalid character class range");
            }
            boolean negate = c == 'P';
            if (name.startsWith("^")) {
                negate = !negate;
                name = name.substring(1);
            }
            String cls;
            if (name.equals("Any")) {
                cls = negate ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]";
                out.append(cls);
                return j;
            }
            cls = CATEGORIES.contains(name) ? name : "Is" + name;
            out.append('\\').append(negate ? 'P' : 'p').append('{').append(cls).append('}');
            return j;
        }
        if (c == 'Q') {
            int end = s.indexOf("\\E", i + 2);
            String lit = end < 0 ? s.substring(i + 2) : s.substring(i + 2, end);
            for (int k = 0; k < lit.length(); k++) {
                char l = lit.charAt(k);
                if (Character.isLetterOrDigit(l) || l == ' ' || l > 0x7f) {
                    out.append(l);
                } else {
                    out.append('\\').append(l);
                }
            }
            return end < 0 ? n : end + 2;
        }
        if (c == 'C') {
            out.append(inClass ? "\\x{0}-\\x{10FFFF}" : "(?s:.)");
            return i + 2;
        }
        if (c == 'Z' || c == 'G' || c == 'R' || c == 'X' || c == 'h' || c == 'H' || c == 'V' || c == 'k'
                || c == 'K' || c == 'e' || c == 'c' || c == 'N') {
            throw new GoRegex.SyntaxError("invalid escape sequence");
        }
        if (c == 's' && !inClass) {
            out.append("[\\t\\n\\f\\r ]");
            return i + 2;
        }
        if (c == 'S' && !inClass) {
            out.append("[^\\t\\n\\f\\r ]");
            return i + 2;
        }
        out.append('\\').append(c);
        return i + 2;
    }
}
