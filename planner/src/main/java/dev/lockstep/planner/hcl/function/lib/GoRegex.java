package dev.lockstep.planner.hcl.function.lib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        String translated = Re2Syntax.translate(re2, names);
        try {
            return new GoRegex(Pattern.compile(translated, Pattern.UNIX_LINES | Pattern.UNICODE_CASE), names);
        } catch (PatternSyntaxException e) {
            throw new SyntaxError(e.getDescription().toLowerCase(java.util.Locale.ROOT));
        } catch (StackOverflowError e) {
            throw new SyntaxError("expression too complex");
        }
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
