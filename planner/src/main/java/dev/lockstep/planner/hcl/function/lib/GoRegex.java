package dev.lockstep.planner.hcl.function.lib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression in Go's RE2 syntax, translated to a {@link Pattern} with the same meaning
 * where the two dialects differ: {@code (?P<name>)} groups (names may contain underscores),
 * POSIX classes, octal escapes, {@code $} meaning end of text, literal braces, and rejection of
 * the Perl features RE2 lacks (backreferences, lookaround, possessive repetition). Matching
 * iterates the way Go's {@code FindAll} and {@code ReplaceAll} do, including their handling of
 * empty matches.
 */
final class GoRegex {

    /** A pattern that RE2 would reject, or that lockstep cannot translate. */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s\\x0B"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private static final Set<String> CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt",
            "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S",
            "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

    private final Pattern pattern;
    /** The Go name of each capture group (index 0 unused), null for unnamed groups. */
    private final List<String> groupNames;

    private GoRegex(Pattern pattern, List<String> groupNames) {
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    int groupCount() {
        return groupNames.size() - 1;
    }

    /** Group names in group order (element 0 is the whole match and always null). */
    List<String> groupNames() {
        return Collections.unmodifiableList(groupNames);
    }

    static GoRegex compile(String re2) throws SyntaxError {
        List<String> names = new ArrayList<>();
        names.add(null);
        String translated = translate(re2, names);
        try {
            return new GoRegex(Pattern.compile(translated, Pattern.UNIX_LINES | Pattern.UNICODE_CASE), names);
        } catch (PatternSyntaxException e) {
            throw new SyntaxError(e.getDescription().toLowerCase(java.util.Locale.ROOT));
        } catch (StackOverflowError e) {
            throw new SyntaxError("expression too complex");
        }
    }

    private static String translate(String s, List<String> names) throws SyntaxError {
        StringBuilder out = new StringBuilder(s.length() + 16);
        boolean multiline = s.contains("(?") && hasMultilineFlag(s);
        Set<String> seen = new HashSet<>();
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
                            throw new SyntaxError("invalid character class range");
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
                    i = group(s, i, out, names, seen);
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
            throw new SyntaxError("missing closing ]");
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

    private static void checkNestedRepeat(String s, int i) throws SyntaxError {
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == '*' || c == '+' || c == '?' || c == '{' && repeatEnd(s, i) >= 0) {
                throw new SyntaxError("invalid nested repetition operator");
            }
        }
    }

    /** The end of a {@code {n}, {n,}, {n,m}} repetition starting at i, or -1 if it is literal. */
    private static int repeatEnd(String s, int i) throws SyntaxError {
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
            throw new SyntaxError("invalid repeat count");
        }
        return j + 1;
    }

    private static int parseBounded(String digits) {
        return digits.length() > 5 ? 100000 : Integer.parseInt(digits);
    }

    private static int group(String s, int i, StringBuilder out, List<String> names, Set<String> seen)
            throws SyntaxError {
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
                    throw new SyntaxError("invalid named capture");
                }
                name = s.substring(nameStart, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                    throw new SyntaxError("invalid named capture");
                }
                if (!seen.add(name)) {
                    throw new SyntaxError("duplicate capture group name");
                }
                names.add(name);
                out.append("(?<g").append(names.size() - 1).append('>');
                return end + 1;
            }
            if (rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<") || rest.startsWith(">")
                    || rest.startsWith("P")) {
                throw new SyntaxError("invalid or unsupported Perl syntax");
            }
            int j = i + 2;
            while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '-')) {
                char f = s.charAt(j);
                if (f != 'i' && f != 'm' && f != 's' && f != '-') {
                    throw new SyntaxError("invalid or unsupported Perl syntax");
                }
                j++;
            }
            if (j >= n || s.charAt(j) != ':' && s.charAt(j) != ')') {
                throw new SyntaxError("invalid or unsupported Perl syntax");
            }
            out.append(s, i, j + 1);
            return j + 1;
        }
        names.add(null);
        out.append('(');
        return i + 1;
    }

    private static int escape(String s, int i, StringBuilder out, boolean inClass) throws SyntaxError {
        int n = s.length();
        if (i + 1 >= n) {
            throw new SyntaxError("trailing backslash at end of expression");
        }
        char c = s.charAt(i + 1);
        if (c >= '0' && c <= '7') {
            int j = i + 2;
            if (c != '0' && (j >= n || s.charAt(j) < '0' || s.charAt(j) > '7')) {
                throw new SyntaxError("invalid escape sequence");
            }
            int v = c - '0';
            for (int k = 0; k < 2 && j < n && s.charAt(j) >= '0' && s.charAt(j) <= '7'; k++, j++) {
                v = v * 8 + (s.charAt(j) - '0');
            }
            out.append(String.format("\\x{%x}", v));
            return j;
        }
        if (c == '8' || c == '9') {
            throw new SyntaxError("invalid escape sequence");
        }
        if (c == 'p' || c == 'P') {
            int j = i + 2;
            String name;
            if (j < n && s.charAt(j) == '{') {
                int end = s.indexOf('}', j);
                if (end < 0) {
                    throw new SyntaxError("invalid character class range");
                }
                name = s.substring(j + 1, end);
                j = end + 1;
            } else if (j < n) {
                name = String.valueOf(s.charAt(j));
                j++;
            } else {
                throw new SyntaxError("invalid character class range");
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
            throw new SyntaxError("invalid escape sequence");
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

    /** Start and end offsets of each group of one match, -1 for groups that did not take part. */
    private static int[] groups(Matcher m) {
        int[] a = new int[(m.groupCount() + 1) * 2];
        for (int g = 0; g <= m.groupCount(); g++) {
            a[2 * g] = m.start(g);
            a[2 * g + 1] = m.end(g);
        }
        return a;
    }

    /** The first match as group offsets, or null. */
    int[] find(String s) {
        Matcher m = pattern.matcher(s);
        return m.find() ? groups(m) : null;
    }

    /** Every match as Go's {@code FindAllStringSubmatchIndex} reports them. */
    List<int[]> findAll(String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        int end = s.length();
        int pos = 0;
        int prevMatchEnd = -1;
        while (pos <= end) {
            if (!m.find(pos)) {
                break;
            }
            int[] a = groups(m);
            boolean accept = true;
            if (a[1] == pos) {
                if (a[0] == prevMatchEnd) {
                    accept = false;
                }
                pos += pos < end ? Character.charCount(s.codePointAt(pos)) : 1;
            } else {
                pos = a[1];
            }
            prevMatchEnd = a[1];
            if (accept) {
                out.add(a);
            }
        }
        return out;
    }

    /** Go's {@code ReplaceAllString}: {@code $1}, {@code ${name}} and {@code $$} in the template. */
    String replaceAll(String s, String template) {
        StringBuilder out = new StringBuilder();
        Matcher m = pattern.matcher(s);
        int end = s.length();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= end) {
            if (!m.find(searchPos)) {
                break;
            }
            int[] a = groups(m);
            out.append(s, lastMatchEnd, a[0]);
            if (a[1] > lastMatchEnd || a[0] == 0) {
                expand(out, template, s, a);
            }
            lastMatchEnd = a[1];
            int width = searchPos < end ? Character.charCount(s.codePointAt(searchPos)) : 0;
            if (searchPos + width > a[1]) {
                searchPos += width;
            } else if (searchPos + 1 > a[1]) {
                searchPos++;
            } else {
                searchPos = a[1];
            }
        }
        out.append(s, lastMatchEnd, end);
        return out.toString();
    }

    private void expand(StringBuilder out, String template, String src, int[] match) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int dollar = template.indexOf('$', i);
            if (dollar < 0) {
                break;
            }
            out.append(template, i, dollar);
            i = dollar + 1;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int j = brace ? i + 1 : i;
            int nameStart = j;
            while (j < n) {
                int cp = template.codePointAt(j);
                if (!Character.isLetterOrDigit(cp) && cp != '_') {
                    break;
                }
                j += Character.charCount(cp);
            }
            if (j == nameStart || brace && (j >= n || template.charAt(j) != '}')) {
                out.append('$');
                continue;
            }
            String name = template.substring(nameStart, j);
            i = brace ? j + 1 : j;
            int num = 0;
            for (int k = 0; k < name.length(); k++) {
                char d = name.charAt(k);
                if (d < '0' || d > '9' || num >= 100_000_000) {
                    num = -1;
                    break;
                }
                num = num * 10 + (d - '0');
            }
            int group = -1;
            if (num >= 0) {
                group = num;
            } else {
                for (int g = 1; g < groupNames.size(); g++) {
                    if (name.equals(groupNames.get(g))) {
                        group = g;
                        break;
                    }
                }
            }
            if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
                out.append(src, match[2 * group], match[2 * group + 1]);
            }
        }
        out.append(template, Math.min(i, n), n);
    }
}
