package dev.lockstep.planner.hcl.function.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** String helpers with Go's (and therefore Terraform's) notion of characters, spaces and case. */
final class Text {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Text() {
    }

    /** The extended grapheme clusters of {@code s}: what Terraform counts as characters. */
    static List<String> graphemes(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        Matcher m = GRAPHEME.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.ToUpper}: code point by code point, so "ß" stays "ß". */
    static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    /** Go's {@code strings.ToLower}: code point by code point, with no final-sigma rule. */
    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    /**
     * Go's {@code strings.Title}: the first letter of every word in title case, where words are
     * separated by anything that is not a letter, digit or underscore (ASCII) or by spaces.
     */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7F) {
            if (cp >= '0' && cp <= '9' || cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp == '_') {
                return false;
            }
            return true;
        }
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return false;
        }
        return isSpace(cp);
    }
}
