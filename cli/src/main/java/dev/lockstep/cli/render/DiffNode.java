package dev.lockstep.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value's change in the text plan, renderable from the column of the action symbol of the line
 * it starts on; the implementations are the shapes Terraform draws (one-line values, heredocs,
 * objects and maps, lists and sets here; block bodies in {@link BlockBody}).
 */
interface DiffNode {

    /** Attributes shown even when unchanged, so that the reader knows which object this is. */
    Set<String> IDENTIFYING = Set.of("id", "name", "tags");

    Kind kind();

    /**
     * @param ind the column of the action symbol on the line where the value starts
     * @param nullSuffix whether a deleted value ends in {@code -> null} (as Terraform does, only
     *     a resource's own attributes and outputs do, not what is nested in them)
     * @param showUnchanged whether unchanged children are shown rather than counted
     */
    String render(int ind, boolean nullSuffix, boolean showUnchanged);

    /** How one value changes. */
    enum Kind {
        NOOP, CREATE, DELETE, UPDATE
    }

    /** The action symbol of a change of this kind, coloured. */
    static String sym(Style style, Kind k) {
        switch (k) {
            case CREATE:
                return style.green("+");
            case DELETE:
                return style.red("-");
            case UPDATE:
                return style.yellow("~");
            default:
                return " ";
        }
    }

    static String pad(int n) {
        return " ".repeat(n);
    }

    /** A value on one line: a primitive, {@code (sensitive value)}, or a rendering to {@code (known after apply)}. */
    record Leaf(Kind kind, String before, String after, String force) implements DiffNode {

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            switch (kind) {
                case CREATE:
                    return after + force;
                case DELETE:
                    return before + (nullSuffix ? " -> null" : "") + force;
                case UPDATE:
                    return before.equals(after) ? before + force : before + " -> " + after + force;
                default:
                    return before + force;
            }
        }
    }

    /** A changed value whose old rendering spans lines: the old value as deleted, then {@code -> new}. */
    record Replaced(DiffNode before, String after, String force) implements DiffNode {

        @Override
        public Kind kind() {
            return Kind.UPDATE;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            return before.render(ind, false, showUnchanged) + " -> " + after + force;
        }
    }

    /** A change between values of different shapes (a string and a list, a map and null in a list). */
    record Retyped(DiffNode before, DiffNode after, String force) implements DiffNode {

        @Override
        public Kind kind() {
            return Kind.UPDATE;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            return before.render(ind, false, showUnchanged) + " -> " + after.render(ind, false, showUnchanged) + force;
        }
    }

    /** A multi-line string as a heredoc, with a line-by-line diff when it changed. */
    final class Heredoc implements DiffNode {
        private final Style style;
        private final Kind kind;
        private final List<String> before;
        private final List<String> after;
        private final String force;

        Heredoc(Style style, Kind kind, List<String> before, List<String> after, String force) {
            this.style = style;
            this.kind = kind;
            this.before = before;
            this.after = after;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            StringBuilder sb = new StringBuilder("<<-EOT").append(force).append('\n');
            if (kind == Kind.UPDATE) {
                for (Lcs.Edit<String> e : Lcs.edits(before, after, String::equals)) {
                    if (e.before() != null && e.after() != null) {
                        sb.append(pad(ind + 6)).append(e.before()).append('\n');
                    } else if (e.before() != null) {
                        sb.append(pad(ind + 4)).append(style.red("-")).append(' ').append(e.before()).append('\n');
                    } else {
                        sb.append(pad(ind + 4)).append(style.green("+")).append(' ').append(e.after()).append('\n');
                    }
                }
            } else {
                for (String l : kind == Kind.CREATE ? after : before) {
                    sb.append(pad(ind + 6)).append(l).append('\n');
                }
            }
            sb.append(pad(ind + 2)).append("EOT");
            if (kind == Kind.DELETE && nullSuffix) {
                sb.append(" -> null");
            }
            return sb.toString();
        }
    }

    /** An object or a map: one line per shown entry, keys aligned, unchanged entries counted. */
    final class Mapping implements DiffNode {
        private final Style style;
        private final Kind kind;
        final Map<String, DiffNode> entries;
        final boolean map;
        private final String force;

        Mapping(Style style, Kind kind, Map<String, DiffNode> entries, boolean map, String force) {
            this.style = style;
            this.kind = kind;
            this.entries = entries;
            this.map = map;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            String suffix = kind == Kind.DELETE && nullSuffix ? " -> null" : "";
            if (entries.isEmpty()) {
                return "{}" + force + suffix;
            }
            StringBuilder sb = new StringBuilder("{").append(force).append('\n');
            int hidden = entryLines(sb, style, entries, map, ind, false, showUnchanged);
            hiddenLine(sb, ind, hidden, map ? "element" : "attribute");
            return sb.append(pad(ind + 2)).append('}').append(suffix).toString();
        }
    }

    /**
     * Writes one line per shown entry of an object, a map or a block body, the keys aligned over
     * all the entries, hidden ones included, as Terraform aligns them; returns how many unchanged
     * entries were hidden. An identifying attribute is always shown, with everything in it.
     */
    static int entryLines(StringBuilder sb, Style style, Map<String, DiffNode> entries, boolean map, int ind,
            boolean nullSuffix, boolean showUnchanged) {
        int width = 0;
        for (String k : entries.keySet()) {
            width = Math.max(width, ValueText.key(k, map).length());
        }
        int hidden = 0;
        for (Map.Entry<String, DiffNode> e : entries.entrySet()) {
            DiffNode n = e.getValue();
            boolean identifying = !map && IDENTIFYING.contains(e.getKey());
            if (!identifying && !showUnchanged && n.kind() == Kind.NOOP) {
                hidden++;
                continue;
            }
            String key = ValueText.key(e.getKey(), map);
            sb.append(pad(ind + 4)).append(sym(style, n.kind())).append(' ').append(key)
                    .append(pad(width - key.length())).append(" = ")
                    .append(n.render(ind + 4, nullSuffix, showUnchanged || identifying)).append('\n');
        }
        return hidden;
    }

    /** {@code # (N unchanged WHATs hidden)} on its own line, when N is not 0. */
    static void hiddenLine(StringBuilder sb, int ind, int n, String what) {
        if (n > 0) {
            sb.append(pad(ind + 6)).append("# (").append(n).append(" unchanged ").append(what)
                    .append(n == 1 ? "" : "s").append(" hidden)\n");
        }
    }

    /** A list, tuple or set: one line per shown element; lists show the unchanged neighbours of a change. */
    final class Sequence implements DiffNode {
        private final Style style;
        private final Kind kind;
        private final List<DiffNode> elements;
        private final boolean context;
        private final String force;

        Sequence(Style style, Kind kind, List<DiffNode> elements, boolean context, String force) {
            this.style = style;
            this.kind = kind;
            this.elements = elements;
            this.context = context;
            this.force = force;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String render(int ind, boolean nullSuffix, boolean showUnchanged) {
            String suffix = kind == Kind.DELETE && nullSuffix ? " -> null" : "";
            if (elements.isEmpty()) {
                return "[]" + force + suffix;
            }
            StringBuilder sb = new StringBuilder("[").append(force).append('\n');
            List<DiffNode> unchanged = new ArrayList<>();
            boolean renderNext = false;
            for (DiffNode e : elements) {
                if (e.kind() == Kind.NOOP && !renderNext && !showUnchanged) {
                    unchanged.add(e);
                    continue;
                }
                renderNext = false;
                boolean full = showUnchanged;
                if (context) {
                    // as Terraform does: the unchanged element just before a change and the one just
                    // after it are shown, so that the reader sees where in the list the change is
                    hiddenLine(sb, ind, unchanged.size() - 1, "element");
                    if (!unchanged.isEmpty()) {
                        DiffNode last = unchanged.get(unchanged.size() - 1);
                        sb.append(pad(ind + 4)).append("  ").append(last.render(ind + 4, false, true)).append(",\n");
                    }
                    unchanged.clear();
                    if (e.kind() == Kind.NOOP) {
                        full = true;
                    } else {
                        renderNext = true;
                    }
                }
                sb.append(pad(ind + 4)).append(sym(style, e.kind())).append(' ').append(e.render(ind + 4, false, full))
                        .append(",\n");
            }
            hiddenLine(sb, ind, unchanged.size(), "element");
            return sb.append(pad(ind + 2)).append(']').append(suffix).toString();
        }
    }
}
