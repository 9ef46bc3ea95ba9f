package dev.lockstep.planner.hcl.format;

import dev.lockstep.api.value.GoQuote;
import dev.lockstep.planner.hcl.ast.Block;
import dev.lockstep.planner.hcl.ast.Body;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The canonical spelling of every block label of a parsed file, as Terraform writes labels: a
 * quoted string, whether the label was written bare ({@code resource foo bar}) or quoted, with
 * the escapes of HCL's writer. The label's value is unchanged, so the file means the same.
 */
final class BlockLabels {

    /** A label's source span (start and end offsets) and its canonical quoted content, without the quotes. */
    record Label(int start, int end, String content) {
    }

    private BlockLabels() {
    }

    /** The labels of every block in {@code body}, nested blocks included, by the offset they start at. */
    static Map<Integer, Label> of(Body body) {
        Map<Integer, Label> out = new HashMap<>();
        Deque<Body> todo = new ArrayDeque<>();
        todo.push(body);
        while (!todo.isEmpty()) {
            for (Block b : todo.pop().blocks()) {
                for (Block.Label l : b.labels()) {
                    int start = l.range().start().offset();
                    out.put(start, new Label(start, l.range().end().offset(), escape(l.value())));
                }
                todo.push(b.body());
            }
        }
        return out;
    }

    /**
     * {@code s} escaped for a quoted string as HCL's writer escapes it: the usual backslash
     * escapes, doubled {@code $} and {@code %} before {@code {}, and {@code \}{@code uHHHH} or
     * {@code \}{@code UHHHHHHHH} for characters that are not printable.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '$', '%' -> {
                    sb.appendCodePoint(cp);
                    if (i < s.length() && s.charAt(i) == '{') {
                        sb.appendCodePoint(cp);
                    }
                }
                default -> {
                    if (GoQuote.isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.toString();
    }
}
