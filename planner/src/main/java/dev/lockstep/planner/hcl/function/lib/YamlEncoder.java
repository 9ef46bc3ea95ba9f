package dev.lockstep.planner.hcl.function.lib;

import dev.lockstep.api.value.Type;
import dev.lockstep.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes values as YAML the way Terraform's yamlencode does (go-cty-yaml on a libyaml emitter):
 * block style, strings double-quoted unless they contain a line break (then a literal block
 * scalar when that can represent them), numbers, bools and null plain, 80-column folding of
 * long quoted strings, {@code ? } keys for long or multi-line keys, and {@code ...} after a
 * plain scalar document.
 */
final class YamlEncoder {

    private static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;

    private final StringBuilder out = new StringBuilder();
    private final List<Integer> indents = new ArrayList<>();
    private int indent = -1;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean openEnded;

    private YamlEncoder() {
    }

    /** The YAML document for a wholly known value. */
    static String encode(Value v) {
        YamlEncoder e = new YamlEncoder();
        e.node(v, true, false, false, false);
        e.writeIndent();
        if (e.openEnded) {
            e.indicator("...", true, false, false);
            e.writeIndent();
        }
        return e.out.toString();
    }

    // ------------------------------------------------------------------ low-level writing

    private void put(char c) {
        out.append(c);
        column++;
    }

    private void putCodePoint(int cp) {
        out.appendCodePoint(cp);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    private void writeIndent() {
        int want = Math.max(indent, 0);
        if (!indention || column > want || column == want && !whitespace) {
            putBreak();
        }
        while (column < want) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    private void indicator(String s, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
        whitespace = isWhitespace;
        indention = indention && isIndention;
        openEnded = false;
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.add(indent);
        if (indent < 0) {
            indent = flow ? BEST_INDENT : 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
    }

    private void popIndent() {
        indent = indents.remove(indents.size() - 1);
    }

    // ------------------------------------------------------------------ nodes

    private void node(Value v, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
        if (v.isNull() || v.type().isPrimitive()) {
            scalar(v, root, simpleKey);
        } else if (v.isSequence()) {
            if (v.length() == 0) {
                indicator("[", true, true, false);
                indicator("]", false, false, false);
            } else {
                sequence(v, mapping);
            }
        } else if (v.isMapping()) {
            if (v.length() == 0) {
                indicator("{", true, true, false);
                indicator("}", false, false, false);
            } else {
                mapping(v);
            }
        } else {
            throw new IllegalStateException("cannot encode " + v.describe());
        }
    }

    private void sequence(Value v, boolean mappingContext) {
        increaseIndent(false, mappingContext && !indention);
        for (Value e : v.elements()) {
            writeIndent();
            indicator("-", true, false, true);
            node(e, false, true, false, false);
        }
        popIndent();
    }

    private void mapping(Value v) {
        increaseIndent(false, false);
        for (Map.Entry<String, Value> e : v.attributes().entrySet()) {
            String key = e.getKey();
            writeIndent();
            boolean simple = !key.contains("\n") && !key.contains("\r") && !key.contains("\u0085")
                    && !key.contains("\u2028") && !key.contains("\u2029")
                    && key.getBytes(StandardCharsets.UTF_8).length <= 128;
            if (simple) {
                node(Value.string(key), false, false, false, true);
                indicator(":", false, false, false);
            } else {
                indicator("?", true, false, true);
                node(Value.string(key), false, false, false, false);
                writeIndent();
                indicator(":", true, false, true);
            }
            node(e.getValue(), false, false, true, false);
        }
        popIndent();
    }

    private void scalar(Value v, boolean root, boolean simpleKey) {
        increaseIndent(true, false);
        if (v.isNull()) {
            plain("null", root);
        } else if (v.type() == Type.NUMBER) {
            plain(Value.formatNumber(v.asNumber()), root);
        } else if (v.type() == Type.BOOL) {
            plain(v.asBool() ? "true" : "false", root);
        } else {
            String s = v.asString();
            if (s.indexOf('\n') >= 0 && !simpleKey && blockAllowed(s)) {
                literal(s);
            } else {
                doubleQuoted(s, !simpleKey);
            }
        }
        popIndent();
    }

    private void plain(String s, boolean root) {
        if (!whitespace) {
            put(' ');
        }
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
        whitespace = false;
        indention = false;
        if (root) {
            openEnded = true;
        }
    }

    /** libyaml's analysis: may this string be written as a literal block scalar? */
    private static boolean blockAllowed(String s) {
        boolean previousSpace = false;
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!isPrintable(cp)) {
                return false; // special characters, tabs included
            }
            if (cp == ' ') {
                if (next == n) {
                    return false; // trailing space
                }
                previousSpace = true;
            } else if (isBreak(cp)) {
                if (previousSpace) {
                    return false; // space before a line break
                }
                previousSpace = false;
            } else {
                previousSpace = false;
            }
            i = next;
        }
        return true;
    }

    private static boolean isPrintable(int cp) {
        return cp == 0x0A || cp >= 0x20 && cp <= 0x7E || cp >= 0xA0 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF;
    }

    private static boolean isBreak(int cp) {
        return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    private void literal(String s) {
        indicator("|", true, false, false);
        int first = s.codePointAt(0);
        if (first == ' ' || isBreak(first)) {
            indicator(String.valueOf(BEST_INDENT), false, false, false);
        }
        openEnded = false;
        int last = s.codePointBefore(s.length());
        if (!isBreak(last)) {
            indicator("-", false, false, false);
        } else if (s.length() == Character.charCount(last) || isBreak(s.codePointBefore(s.length() - Character.charCount(last)))) {
            indicator("+", false, false, false);
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isBreak(cp)) {
                if (cp == '\r' && i < s.length() && s.charAt(i) == '\n') {
                    i++;
                }
                putBreak();
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                    breaks = false;
                }
                putCodePoint(cp);
                indention = false;
            }
        }
    }

    private void doubleQuoted(String s, boolean allowBreaks) {
        indicator("\"", true, false, false);
        boolean spaces = false;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int bytePos = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            int byteWidth = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            boolean lastByte = bytePos + byteWidth >= utf8.length;
            if (!isPrintable(cp) || cp == 0xFEFF || isBreak(cp) || cp == '"' || cp == '\\') {
                put('\\');
                switch (cp) {
                    case 0x00 -> put('0');
                    case 0x07 -> put('a');
                    case 0x08 -> put('b');
                    case 0x09 -> put('t');
                    case 0x0A -> put('n');
                    case 0x0B -> put('v');
                    case 0x0C -> put('f');
                    case 0x0D -> put('r');
                    case 0x1B -> put('e');
                    case '"' -> put('"');
                    case '\\' -> put('\\');
                    case 0x85 -> put('N');
                    case 0xA0 -> put('_');
                    case 0x2028 -> put('L');
                    case 0x2029 -> put('P');
                    default -> {
                        String hex;
                        if (cp <= 0xFF) {
                            put('x');
                            hex = String.format("%02X", cp);
                        } else if (cp <= 0xFFFF) {
                            put('u');
                            hex = String.format("%04X", cp);
                        } else {
                            put('U');
                            hex = String.format("%08X", cp);
                        }
                        for (int k = 0; k < hex.length(); k++) {
                            put(hex.charAt(k));
                        }
                    }
                }
                spaces = false;
            } else if (cp == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && bytePos != 0 && !lastByte) {
                    writeIndent();
                    if (i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                        put('\\');
                    }
                } else {
                    put(' ');
                }
                spaces = true;
            } else {
                putCodePoint(cp);
                spaces = false;
            }
            i += width;
            bytePos += byteWidth;
        }
        indicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }
}
